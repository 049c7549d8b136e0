package dev.paved.jobs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sink writer with an injected inserter and clock: batching, flushing and retrying. */
@Timeout(30)
class ClickHouseSinkWriterTest {
  record Row(String id, int valueMs) {}

  private final FakeTime time = new FakeTime();
  private final RecordingInserter inserter = new RecordingInserter();
  private final SimpleCounter written = new SimpleCounter();
  private final SimpleCounter failures = new SimpleCounter();

  @Test
  void insertsWhenTheBatchIsFull() throws Exception {
    ClickHouseSinkWriter<Row> writer = writer(3, Duration.ofMillis(1));
    for (int i = 1; i <= 7; i++) {
      writer.write(new Row("r" + i, i), null);
    }
    assertEquals(
        List.of(
            "{\"id\":\"r1\",\"value_ms\":1}\n{\"id\":\"r2\",\"value_ms\":2}\n"
                + "{\"id\":\"r3\",\"value_ms\":3}\n",
            "{\"id\":\"r4\",\"value_ms\":4}\n{\"id\":\"r5\",\"value_ms\":5}\n"
                + "{\"id\":\"r6\",\"value_ms\":6}\n"),
        inserter.batches);
    assertEquals(1, writer.bufferedRows());
    assertEquals(6, written.getCount());
  }

  @Test
  void flushesBeforeACheckpointAndAtTheEndOfInput() throws Exception {
    ClickHouseSinkWriter<Row> writer = writer(100, Duration.ofMillis(1));
    writer.write(new Row("a", 1), null);
    writer.write(new Row("b", 2), null);
    writer.flush(false);
    assertEquals(1, inserter.batches.size());
    writer.flush(true);
    assertEquals(1, inserter.batches.size(), "nothing buffered, nothing inserted");
    writer.write(new Row("c", 3), null);
    writer.flush(true);
    assertEquals(List.of("{\"id\":\"c\",\"value_ms\":3}\n"), inserter.batches.subList(1, 2));
    assertEquals(0, writer.bufferedRows());
  }

  @Test
  void insertsOnceTheOldestRowHasWaitedTheFlushInterval() throws Exception {
    ClickHouseSinkWriter<Row> writer = writer(100, Duration.ofMillis(1));
    time.now = 5_000;
    writer.write(new Row("a", 1), null);
    time.now = 5_500;
    writer.write(new Row("b", 2), null);
    assertEquals(1, time.timers.size(), "one timer for the buffer, not one per row");
    time.advanceTo(5_999);
    assertEquals(0, inserter.batches.size());
    time.advanceTo(6_000);
    assertEquals(1, inserter.batches.size());
    assertEquals(0, writer.bufferedRows());

    writer.write(new Row("c", 3), null);
    time.advanceTo(7_000);
    assertEquals(2, inserter.batches.size());
  }

  @Test
  void aFailedInsertIsRetriedWithTheSameRowsUntilItSucceeds() throws Exception {
    inserter.failuresLeft.set(4);
    ClickHouseSinkWriter<Row> writer = writer(2, Duration.ofMillis(4));
    writer.write(new Row("a", 1), null);
    writer.write(new Row("b", 2), null);
    assertEquals(5, inserter.attempts.size());
    assertEquals(1, inserter.attempts.stream().distinct().count(), "the same batch each time");
    assertEquals(1, inserter.batches.size());
    assertEquals(4, failures.getCount());
    assertEquals(2, written.getCount());
  }

  @Test
  void theBackOffDoublesUpToItsMaximumAndStartsOverAfterASuccess() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
    List<Long> pauses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      pauses.add(backoff.failed().toMillis());
    }
    assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), pauses);
    assertEquals(6, backoff.failures());
    backoff.succeeded();
    assertEquals(100, backoff.failed().toMillis());
  }

  @Test
  void cancellingInterruptsTheRetriesAndKeepsTheRows() throws Exception {
    inserter.failuresLeft.set(Integer.MAX_VALUE);
    ClickHouseSinkWriter<Row> writer = writer(100, Duration.ofMillis(50));
    writer.write(new Row("a", 1), null);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread task =
        new Thread(
            () -> {
              try {
                writer.flush(false);
              } catch (Throwable e) {
                thrown.set(e);
              }
            });
    task.start();
    while (inserter.attempts.size() < 3) {
      Thread.sleep(5);
    }
    task.interrupt();
    task.join(10_000);
    assertInstanceOf(InterruptedException.class, thrown.get());
    assertEquals(1, writer.bufferedRows());
    assertTrue(inserter.batches.isEmpty());
  }

  private ClickHouseSinkWriter<Row> writer(int batchRows, Duration maxBackoff) {
    return new ClickHouseSinkWriter<>(
        "rows",
        RowFormat.fields(Row.class),
        new SinkSettings(batchRows, Duration.ofMillis(1000), Duration.ofMillis(1), maxBackoff),
        inserter,
        time,
        written,
        failures);
  }

  /** Records each attempt; fails the first {@code failuresLeft} of them. */
  static final class RecordingInserter implements Inserter {
    final List<String> attempts = new CopyOnWriteArrayList<>();
    final List<String> batches = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    @Override
    public void insert(String table, byte[] ndjson, int length) {
      String batch = new String(ndjson, 0, length, StandardCharsets.UTF_8);
      attempts.add(batch);
      if (failuresLeft.getAndDecrement() > 0) {
        throw new IllegalStateException("ClickHouse is down (test)");
      }
      batches.add(batch);
    }

    @Override
    public void close() {}
  }

  /** A clock the test moves; timers fire, in order, when it passes them. */
  static final class FakeTime implements ProcessingTimeService {
    long now;
    final Map<Long, List<ProcessingTimeCallback>> timers = new TreeMap<>();

    @Override
    public long getCurrentProcessingTime() {
      return now;
    }

    @Override
    public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback callback) {
      timers.computeIfAbsent(timestamp, t -> new ArrayList<>()).add(callback);
      return null;
    }

    void advanceTo(long to) throws Exception {
      now = to;
      Iterator<Map.Entry<Long, List<ProcessingTimeCallback>>> due = timers.entrySet().iterator();
      List<Map.Entry<Long, List<ProcessingTimeCallback>>> fired = new ArrayList<>();
      while (due.hasNext()) {
        Map.Entry<Long, List<ProcessingTimeCallback>> timer = due.next();
        if (timer.getKey() > to) {
          break;
        }
        fired.add(timer);
        due.remove();
      }
      for (Map.Entry<Long, List<ProcessingTimeCallback>> timer : fired) {
        for (ProcessingTimeCallback callback : timer.getValue()) {
          callback.onProcessingTime(timer.getKey());
        }
      }
    }
  }
}
