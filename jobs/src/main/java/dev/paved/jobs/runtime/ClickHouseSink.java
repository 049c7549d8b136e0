package dev.paved.jobs.runtime;

import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes rows of type {@code T} into one ClickHouse table with batched JSONEachRow inserts; see
 * {@link ClickHouseSinkWriter} for when it inserts and how it retries.
 *
 * <p>At least once: every row a checkpoint covers is in ClickHouse before the checkpoint completes
 * (the writer flushes before the barrier), and rows after it are written again after a restart.
 * Results are exact all the same because every table is a ReplacingMergeTree keyed by a
 * deterministic id: a row written twice, or again with newer values, replaces the old one.
 */
public final class ClickHouseSink<T> implements Sink<T> {
  private final String table;
  private final RowFormat<T> format;
  private final SinkSettings settings;
  private final Inserter.Factory inserter;

  /**
   * @param table a table name in the target's database (written {@code `db`.`table`})
   */
  public ClickHouseSink(
      String table, RowFormat<T> format, SinkSettings settings, Inserter.Factory inserter) {
    this.table = Objects.requireNonNull(table, "table");
    this.format = Objects.requireNonNull(format, "format");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.inserter = Objects.requireNonNull(inserter, "inserter");
  }

  /** Rows of a record class whose components are the table's columns ({@link RowFormat#fields}). */
  public static <T> ClickHouseSink<T> of(
      ClickHouseTarget target, String table, Class<T> rowType, SinkSettings settings) {
    return new ClickHouseSink<>(
        table, RowFormat.fields(rowType), settings, Inserter.clickHouse(target));
  }

  public String table() {
    return table;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new ClickHouseSinkWriter<>(
        table,
        format,
        settings,
        inserter.create(),
        context.getProcessingTimeService(),
        context.metricGroup().getNumRecordsSendCounter(),
        context.metricGroup().counter("insertFailures"));
  }

  @Override
  public String toString() {
    return "ClickHouseSink[" + table + ", " + format + "]";
  }
}
