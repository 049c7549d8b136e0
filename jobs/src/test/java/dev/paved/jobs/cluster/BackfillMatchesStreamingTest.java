package dev.paved.jobs.cluster;

import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.ingest.log.LogRecord;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.jobs.PavedJobs;
import dev.paved.jobs.RunningJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfill = streaming: the streaming job ({@link PavedJobs#start}, following the topic, with
 * checkpoints) and the backfill ({@link PavedJobs#backfill}) over the same log write the same rows
 * into every Paved table, every column (the version where it is a function of the state) included
 * (see {@link PavedTables#rows}); deviation clusters compared by membership as of the latest
 * refresh.
 *
 * <p>A backfill ends with the end of its input, which fires every event-time timer; a streaming job
 * fires them as its watermark passes. So the log ends with a sentinel that carries the streaming
 * watermark past every other event's timers ({@link StreamingRuns#log}).
 */
@Timeout(300)
class BackfillMatchesStreamingTest {
  private static final Duration CATCH_UP = Duration.ofSeconds(120);

  @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  @Test
  void streamingCaughtUpWritesWhatTheBackfillWrites(@TempDir Path home) throws Exception {
    String topic = "equivalence.events";
    List<LogRecord> records = StreamingRuns.log(7, kafka.kafkaConfig(topic).partitions());
    StreamingRuns.createTopic(kafka, topic);
    StreamingRuns.append(kafka.bootstrapServers(), topic, records);
    System.out.printf("appended %,d synthetic events%n", records.size());

    String backfilled = clickhouse.freshDatabaseName("backfill");
    PavedJobs.backfill(
        StreamingRuns.config(home, topic, backfilled),
        kafka.bootstrapServers(),
        clickhouse.httpUrl());
    ClickHouse backfill = clickhouse.connect(backfilled);

    String streamed = clickhouse.freshDatabaseName("streaming");
    ClickHouse streaming = clickhouse.connect(streamed);
    try (RunningJob job =
        PavedJobs.start(
            StreamingRuns.config(home, topic, streamed),
            kafka.bootstrapServers(),
            clickhouse.httpUrl())) {
      StreamingRuns.awaitRows(PavedTables.rows(backfill), () -> streaming, CATCH_UP);
    }
    System.out.println("rows per table: " + PavedTables.assertSameRows(backfill, streaming));
  }
}
