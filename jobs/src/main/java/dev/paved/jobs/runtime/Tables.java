package dev.paved.jobs.runtime;

import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where pipelines write: a sink per table. In production every sink is a {@link ClickHouseSink};
 * tests hand pipelines collecting sinks instead.
 */
public interface Tables {

  /**
   * A sink into {@code table} (a table of Paved's database) for rows of {@code rowType}: a record
   * whose components, in snake_case, are the table's columns ({@link RowFormat#fields}).
   */
  <T> Sink<T> sink(String table, Class<T> rowType);

  /** Every table in ClickHouse at {@code target}. */
  static Tables clickHouse(ClickHouseTarget target, SinkSettings settings) {
    return new Tables() {
      @Override
      public <T> Sink<T> sink(String table, Class<T> rowType) {
        return ClickHouseSink.of(target, table, rowType, settings);
      }

      @Override
      public String toString() {
        return "Tables.clickHouse(" + target + ")";
      }
    };
  }
}
