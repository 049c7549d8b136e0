package dev.paved.jobs.runtime;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows as newline-delimited JSON and inserts them as one batch when the buffer holds {@code
 * batchRows} rows (or 32 MiB), when the oldest buffered row has waited {@code flushInterval},
 * before every checkpoint, and at the end of input.
 *
 * <p>An insert that fails is retried, the same batch again, with exponential back-off (doubling up
 * to {@code maxBackoff}) for as long as it takes: the writer blocks meanwhile, so Flink's
 * back-pressure stops the source, no row is lost, memory stays bounded by one batch, and the job
 * neither fails nor restarts while ClickHouse is down. Each failure is logged with the server's
 * reason; a permanent error (a row the table rejects) therefore shows as the same warning
 * repeating. Cancelling the job interrupts the wait.
 */
public final class ClickHouseSinkWriter<T> implements SinkWriter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSinkWriter.class);
  static final int MAX_BATCH_BYTES = 32 * 1024 * 1024;
  private static final JsonFactory JSON = new JsonFactory();

  private final String table;
  private final RowFormat<T> format;
  private final SinkSettings settings;
  private final Inserter inserter;
  private final ProcessingTimeService time;
  private final Counter rowsWritten;
  private final Counter insertFailures;
  private final Buffer buffer = new Buffer();
  private final Backoff backoff;

  private JsonGenerator json;
  private int rows;
  private boolean timerPending;

  ClickHouseSinkWriter(
      String table,
      RowFormat<T> format,
      SinkSettings settings,
      Inserter inserter,
      ProcessingTimeService time,
      Counter rowsWritten,
      Counter insertFailures) {
    this.table = table;
    this.format = format;
    this.settings = settings;
    this.inserter = inserter;
    this.time = time;
    this.rowsWritten = rowsWritten;
    this.insertFailures = insertFailures;
    this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
  }

  @Override
  public void write(T row, Context context) throws IOException, InterruptedException {
    if (json == null) {
      json = JSON.createGenerator(buffer, JsonEncoding.UTF8);
      // Rows are separated by the newline written after each, not by Jackson's default space.
      json.setRootValueSeparator(null);
    }
    format.write(row, json);
    json.writeRaw('\n');
    rows++;
    if (rows >= settings.batchRows() || buffer.size() >= MAX_BATCH_BYTES) {
      insertBuffered();
    } else if (!timerPending) {
      timerPending = true;
      time.registerTimer(
          time.getCurrentProcessingTime() + settings.flushInterval().toMillis(), this::onTimer);
    }
  }

  /** Before every checkpoint ({@code endOfInput} false) and at the end of input. */
  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    insertBuffered();
  }

  private void onTimer(long now) throws IOException, InterruptedException {
    timerPending = false;
    insertBuffered();
  }

  /** Rows buffered and not yet inserted. */
  int bufferedRows() {
    return rows;
  }

  private void insertBuffered() throws IOException, InterruptedException {
    if (rows == 0) {
      return;
    }
    if (json != null) {
      // Closing flushes it into the buffer; the next row starts a new generator after these.
      json.close();
      json = null;
    }
    long started = System.nanoTime();
    while (true) {
      try {
        inserter.insert(table, buffer.bytes(), buffer.size());
        break;
      } catch (RuntimeException e) {
        insertFailures.inc();
        Duration pause = backoff.failed();
        LOG.warn(
            "Inserting {} rows into {} failed (attempt {}, waiting for {} s so far); retrying in"
                + " {} ms. {}",
            rows,
            table,
            backoff.failures(),
            Duration.ofNanos(System.nanoTime() - started).toSeconds(),
            pause.toMillis(),
            e.getMessage());
        Thread.sleep(pause.toMillis());
      }
    }
    if (backoff.failures() > 0) {
      LOG.info(
          "Inserted {} rows into {} after {} failed attempts ({} s)",
          rows,
          table,
          backoff.failures(),
          Duration.ofNanos(System.nanoTime() - started).toSeconds());
      backoff.succeeded();
    }
    rowsWritten.inc(rows);
    rows = 0;
    buffer.reset();
  }

  @Override
  public void close() {
    // Rows still buffered were not covered by a checkpoint: the source replays them after a
    // restart. Inserting them here would delay cancellation while ClickHouse is down.
    inserter.close();
  }

  /** A byte buffer whose array is handed to the inserter without a copy. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(1 << 16);
    }

    byte[] bytes() {
      return buf;
    }
  }
}
