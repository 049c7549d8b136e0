package dev.paved.jobs.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.PavedConfig;
import dev.paved.ingest.log.LogRecord;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.jobs.PavedJobs;
import dev.paved.jobs.RunningJob;
import dev.paved.jobs.runtime.Checkpoints;
import dev.paved.jobs.runtime.testing.EndToEnd;
import dev.paved.jobs.runtime.testing.TestEvents;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job as {@code ./paved jobs} runs it ({@link PavedJobs#start}: its own local
 * MiniCluster, so no MiniClusterExtension here), against a real Kafka broker and ClickHouse.
 */
@Timeout(180)
class RawEventsStreamingTest {
  @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private final EndToEnd endToEnd = new EndToEnd(kafka, clickhouse);

  @Test
  void followsNewEventsAndResumesFromItsCheckpoint(@TempDir Path home) throws Exception {
    String topic = "streaming.events";
    PavedConfig config =
        endToEnd.config(
            home,
            topic,
            clickhouse.freshDatabaseName("streaming"),
            Map.of("PAVED_JOBS_CHECKPOINT_INTERVAL_MS", "300", "PAVED_JOBS_SINK_FLUSH_MS", "200"));
    Path checkpoints =
        Checkpoints.localDirectory(config.jobs().checkpointDirectory()).orElseThrow();
    assertEquals(home.resolve("var/flink-checkpoints"), checkpoints);
    endToEnd.createTopic(topic);
    ClickHouse db = clickhouse.connect(config.clickhouse().database());

    try (RunningJob job = PavedJobs.start(config, kafka.bootstrapServers(), clickhouse.httpUrl())) {
      assertEquals(Optional.empty(), job.resumedFrom());
      endToEnd.append(topic, event(1), event(2), event(3));
      long appended = System.nanoTime();
      EndToEnd.awaitTrue(() -> EndToEnd.count(db, "FINAL") == 3, "3 rows in ClickHouse");
      System.out.printf(
          "streaming: appended to visible in ClickHouse in %d ms%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - appended));
      // Wait for a checkpoint taken after the rows were written: it covers them.
      Optional<Path> before = Checkpoints.newest(checkpoints);
      EndToEnd.awaitTrue(
          () -> {
            Optional<Path> now = Checkpoints.newest(checkpoints);
            return now.isPresent() && !now.equals(before);
          },
          "checkpoint after the rows");
    }

    endToEnd.append(topic, event(4), event(5));
    try (RunningJob job = PavedJobs.start(config, kafka.bootstrapServers(), clickhouse.httpUrl())) {
      assertTrue(job.resumedFrom().isPresent(), "resumes from the checkpoint");
      EndToEnd.awaitTrue(() -> EndToEnd.count(db, "FINAL") == 5, "5 rows in ClickHouse");
    }
    // Without FINAL: the first three were not read again after the restart.
    assertEquals(5, EndToEnd.count(db, ""));
  }

  private static LogRecord event(int n) {
    return EndToEnd.record(
        TestEvents.change("s-" + n, "2026-03-02T10:00:0" + n + "Z", "checkout"),
        "github-app",
        "2026-03-02T10:00:0" + n + ".5Z");
  }
}
