package dev.paved.ingest.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

/**
 * One event as a JSON line, written field by field in a fixed order so that the same organisation
 * always produces the same bytes. Absent (null) optional values are left out, as senders do.
 */
final class EventLine {
  private static final JsonFactory JSON = new JsonFactory();

  private final ByteArrayBuilder buffer = new ByteArrayBuilder(384);
  private final JsonGenerator json;

  EventLine(String id, String type, long time, String source) {
    try {
      json = JSON.createGenerator(buffer);
      json.writeStartObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    text("id", id).text("type", type).time("time", time).text("source", source);
  }

  EventLine text(String field, String value) {
    if (value != null) {
      try {
        json.writeStringField(field, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return this;
  }

  EventLine number(String field, long value) {
    try {
      json.writeNumberField(field, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** An RFC 3339 UTC time; negative means absent. */
  EventLine time(String field, long epochSecond) {
    return epochSecond < 0 ? this : text(field, utc(epochSecond));
  }

  EventLine texts(String field, List<String> values) {
    try {
      json.writeArrayFieldStart(field);
      for (String value : values) {
        json.writeString(value);
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Opens a nested array of objects, e.g. a deploy's inline {@code changes}. */
  EventLine startObjects(String field) {
    try {
      json.writeArrayFieldStart(field);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  EventLine startObject() {
    try {
      json.writeStartObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Opens a nested object, e.g. {@code attributes}. */
  EventLine startObject(String field) {
    try {
      json.writeObjectFieldStart(field);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  EventLine endObject() {
    try {
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  EventLine endObjects() {
    try {
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Closes the event; the line has no trailing newline. */
  byte[] bytes() {
    try {
      json.writeEndObject();
      json.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  /** {@code 2025-03-02T09:14:00Z}; hand-formatted because it runs for every event. */
  static String utc(long epochSecond) {
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, Day.SECONDS));
    int second = (int) Math.floorMod(epochSecond, Day.SECONDS);
    char[] out = new char[20];
    digits(out, 0, date.getYear(), 4);
    out[4] = '-';
    digits(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, second / 3600, 2);
    out[13] = ':';
    digits(out, 14, second / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, second % 60, 2);
    out[19] = 'Z';
    return new String(out);
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
