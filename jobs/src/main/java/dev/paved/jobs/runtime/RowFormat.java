package dev.paved.jobs.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Serializable;

/** Writes one row of a ClickHouse table as a JSON object, for a JSONEachRow insert. */
@FunctionalInterface
public interface RowFormat<T> extends Serializable {

  void write(T row, JsonGenerator json) throws IOException;

  /**
   * Every property of {@code rowType} (a record's components) as a column named in snake_case:
   * {@code timeMs} is the column {@code time_ms}. Columns left out of the row get their default in
   * ClickHouse, so leave MATERIALIZED ones out. Strings for DateTime columns in {@code "YYYY-MM-DD
   * hh:mm:ss"} (see {@link ClickHouseValues}).
   */
  static <T> RowFormat<T> fields(Class<T> rowType) {
    return new Fields<>(rowType);
  }

  /** {@link #fields}: Jackson's writer for the row class, made once per writer. */
  final class Fields<T> implements RowFormat<T> {
    private static final ObjectMapper MAPPER =
        JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // The sink writes many rows into one buffer and flushes it once per batch.
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .build();

    private final Class<T> rowType;
    private transient ObjectWriter writer;

    Fields(Class<T> rowType) {
      this.rowType = rowType;
    }

    @Override
    public void write(T row, JsonGenerator json) throws IOException {
      if (writer == null) {
        writer = MAPPER.writerFor(rowType);
      }
      writer.writeValue(json, row);
    }

    @Override
    public String toString() {
      return "RowFormat.fields(" + rowType.getSimpleName() + ")";
    }
  }
}
