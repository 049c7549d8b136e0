package dev.paved.jobs.runtime;

import dev.paved.clickhouse.ClickHouse;
import java.io.ByteArrayInputStream;
import java.io.Serializable;

/**
 * Inserts a batch of JSONEachRow rows into one table. {@link #clickHouse} is the real one; tests
 * inject failing or recording ones.
 */
public interface Inserter extends AutoCloseable {

  /**
   * Inserts {@code length} bytes of newline-delimited JSON objects from {@code ndjson} into {@code
   * table} (a name in the target's database). Throws on any failure; the caller retries the whole
   * batch, so a retried insert must be harmless (it is: every table replaces rows by key).
   */
  void insert(String table, byte[] ndjson, int length);

  @Override
  void close();

  /** Makes the inserter in the task that writes; the factory travels in the job graph. */
  @FunctionalInterface
  interface Factory extends Serializable {
    Inserter create();
  }

  /**
   * Inserts through {@link ClickHouse#insertJsonEachRow}. Connects on first use and again after a
   * failed connection, so a ClickHouse that is down when the job starts is waited for like one that
   * goes down later.
   */
  static Factory clickHouse(ClickHouseTarget target) {
    return () ->
        new Inserter() {
          private ClickHouse connection;

          @Override
          public void insert(String table, byte[] ndjson, int length) {
            if (connection == null) {
              connection = target.connect();
            }
            connection.insertJsonEachRow(table, new ByteArrayInputStream(ndjson, 0, length));
          }

          @Override
          public void close() {
            if (connection != null) {
              connection.close();
              connection = null;
            }
          }

          @Override
          public String toString() {
            return "Inserter.clickHouse(" + target + ")";
          }
        };
  }
}
