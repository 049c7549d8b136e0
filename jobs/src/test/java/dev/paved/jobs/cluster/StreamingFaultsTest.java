package dev.paved.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.PrivateClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.ClickHouseConfig;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.config.Settings;
import dev.paved.ingest.log.LogRecord;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.jobs.PavedJobs;
import dev.paved.jobs.RunningJob;
import dev.paved.jobs.runtime.Checkpoints;
import dev.paved.jobs.runtime.ClickHouseTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job survives its faults with exact results: afterwards every Paved table, every
 * column ({@link PavedTables#rows}), equals a backfill of the same log, which is what an
 * uninterrupted run writes ({@link BackfillMatchesStreamingTest}).
 */
class StreamingFaultsTest {
  private static final Duration CATCH_UP = Duration.ofSeconds(120);
  private static final Duration OUTAGE = Duration.ofSeconds(60);
  private static final int CHUNK = 20;

  @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  /**
   * Stopped mid-stream (cancelled right after a checkpoint, with part of the log read and the rest
   * still to come) and started again: it resumes from that checkpoint, its state included, and
   * rewrites what it wrote after it.
   */
  @Test
  @Timeout(300)
  void restartedFromItsCheckpointWritesWhatAnUninterruptedRunWrites(@TempDir Path home)
      throws Exception {
    String topic = "restart.events";
    List<LogRecord> records = StreamingRuns.log(11, kafka.kafkaConfig(topic).partitions());
    int half = records.size() / 2;
    StreamingRuns.createTopic(kafka, topic);

    String streamed = clickhouse.freshDatabaseName("restarted");
    PavedConfig config = StreamingRuns.config(home, topic, streamed);
    Path checkpoints =
        Checkpoints.localDirectory(config.jobs().checkpointDirectory()).orElseThrow();
    ClickHouse streaming = clickhouse.connect(streamed);
    long beforeStop;
    CompletableFuture<Void> appending;
    try (RunningJob job = PavedJobs.start(config, kafka.bootstrapServers(), clickhouse.httpUrl())) {
      assertEquals(Optional.empty(), job.resumedFrom());
      // The first half trickles in while the job runs, so that it is stopped in mid-stream.
      appending =
          CompletableFuture.runAsync(
              () -> {
                for (int from = 0; from < half; from += CHUNK) {
                  List<LogRecord> chunk = records.subList(from, Math.min(from + CHUNK, half));
                  try {
                    StreamingRuns.append(kafka.bootstrapServers(), topic, chunk);
                    Thread.sleep(100);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
              });
      long deadline = System.nanoTime() + CATCH_UP.toNanos();
      while (StreamingRuns.count(streaming, "events") < CHUNK && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Optional<Path> seen = Checkpoints.newest(checkpoints);
      while (Checkpoints.newest(checkpoints).equals(seen) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      beforeStop = StreamingRuns.count(streaming, "events");
    }
    appending.get(60, TimeUnit.SECONDS);
    System.out.printf("stopped with %,d of the first %,d events written%n", beforeStop, half);
    assertTrue(beforeStop > 0, "the first run wrote rows before it was stopped");

    StreamingRuns.append(kafka.bootstrapServers(), topic, records.subList(half, records.size()));
    ClickHouse backfill = clickhouse.connect(clickhouse.freshDatabaseName("uninterrupted"));
    PavedJobs.backfill(
        StreamingRuns.config(home, topic, backfill.database()),
        kafka.bootstrapServers(),
        clickhouse.httpUrl());
    Map<String, List<String>> expected = PavedTables.rows(backfill);

    try (RunningJob job = PavedJobs.start(config, kafka.bootstrapServers(), clickhouse.httpUrl())) {
      assertTrue(job.resumedFrom().isPresent(), "resumed from a checkpoint");
      StreamingRuns.awaitRows(expected, () -> streaming, CATCH_UP);
    }
    System.out.println("rows per table: " + PavedTables.assertSameRows(backfill, streaming));
  }

  /**
   * ClickHouse stopped for a minute while events keep coming: the job neither fails nor restarts
   * (its sinks block and retry, back-pressure holds the source), and once ClickHouse is back it
   * catches up and loses nothing. The job's own ClickHouse, so that stopping it disturbs no other
   * test.
   */
  @Test
  @Timeout(400)
  void clickHouseDownForAMinuteLosesNothing(@TempDir Path home) throws Exception {
    String topic = "outage.events";
    List<LogRecord> records = StreamingRuns.log(13, kafka.kafkaConfig(topic).partitions());
    int third = records.size() / 3;
    StreamingRuns.createTopic(kafka, topic);
    StreamingRuns.append(kafka.bootstrapServers(), topic, records.subList(0, third));

    Path directory = home.resolve("clickhouse");
    PrivateClickHouse server = PrivateClickHouse.start(serverConfig(0), directory);
    int port = server.httpPort();
    PavedConfig config = StreamingRuns.config(home, topic, "outage");
    Set<JobStatus> seenDuringOutage = new TreeSet<>();
    PrivateClickHouse restarted = null;
    try (RunningJob job = PavedJobs.start(config, kafka.bootstrapServers(), server.httpUrl())) {
      ClickHouse before = ClickHouseTarget.of(config.clickhouse(), server.httpUrl()).connect();
      long deadline = System.nanoTime() + CATCH_UP.toNanos();
      long unique = records.subList(0, third).stream().map(LogRecord::key).distinct().count();
      while (StreamingRuns.count(before, "events") < unique && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(unique, StreamingRuns.count(before, "events"), "caught up before the outage");

      server.close();
      StreamingRuns.append(kafka.bootstrapServers(), topic, records.subList(third, 2 * third));
      long outageEnd = System.nanoTime() + OUTAGE.toNanos();
      while (System.nanoTime() < outageEnd) {
        seenDuringOutage.add(job.status());
        Thread.sleep(200);
      }
      restarted = PrivateClickHouse.start(serverConfig(port), directory);
      StreamingRuns.append(
          kafka.bootstrapServers(), topic, records.subList(2 * third, records.size()));

      String backfillUrl = restarted.httpUrl();
      PavedConfig backfillConfig = StreamingRuns.config(home, topic, "uninterrupted");
      PavedJobs.backfill(backfillConfig, kafka.bootstrapServers(), backfillUrl);
      ClickHouse backfill = ClickHouseTarget.of(backfillConfig.clickhouse(), backfillUrl).connect();
      ClickHouse streaming = ClickHouseTarget.of(config.clickhouse(), backfillUrl).connect();
      StreamingRuns.awaitRows(PavedTables.rows(backfill), () -> streaming, CATCH_UP);
      assertEquals(Set.of(JobStatus.RUNNING), seenDuringOutage, "job status during the outage");
      assertEquals(JobStatus.RUNNING, job.status());
      System.out.println("rows per table: " + PavedTables.assertSameRows(backfill, streaming));
    } finally {
      if (restarted != null) {
        restarted.close();
      }
      server.close();
    }
  }

  /** The installed binary (PAVED_CLICKHOUSE_BINARY honoured, like the extension), on a port. */
  private static ClickHouseConfig serverConfig(int port) {
    String binary = Settings.CLICKHOUSE_BINARY.environmentVariable();
    Map<String, String> environment =
        System.getenv(binary) == null ? Map.of() : Map.of(binary, System.getenv(binary));
    ClickHouseConfig defaults =
        PavedConfig.from(SettingValues.of(environment, Map.of())).clickhouse();
    return new ClickHouseConfig(
        Optional.empty(), defaults.user(), defaults.password(), "outage", defaults.binary(), port);
  }
}
