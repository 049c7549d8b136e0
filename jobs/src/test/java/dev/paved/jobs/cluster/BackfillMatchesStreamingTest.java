package dev.paved.jobs.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.ingest.log.EventLog;
import dev.paved.ingest.log.EventTopic;
import dev.paved.ingest.log.LogRecord;
import dev.paved.ingest.synthetic.OrganisationShape;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.jobs.PavedJobs;
import dev.paved.jobs.RunningJob;
import dev.paved.jobs.bench.SyntheticEventLog;
import dev.paved.model.EventCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfill = streaming: the streaming job ({@link PavedJobs#start}, following the topic, with
 * checkpoints) and the backfill ({@link PavedJobs#backfill}) over the same log write the same rows
 * into every Paved table, every column but the version included (see {@link PavedTables#rows});
 * deviation clusters compared by membership as of the latest refresh.
 *
 * <p>A backfill ends with the end of its input, which fires every event-time timer; a streaming job
 * fires them as its watermark passes. So the log ends with a sentinel, an inert survey event a year
 * after the last one, that carries the streaming watermark past every other event's timers (and
 * quiet partitions count as idle after a second).
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
    List<LogRecord> records =
        SyntheticEventLog.records(OrganisationShape.tiny(), 7, Long.MAX_VALUE);
    records.add(sentinel(records));
    try (EventTopic events = new EventTopic(kafka.bootstrapServers(), kafka.kafkaConfig(topic))) {
      events.createIfMissing(Duration.ofSeconds(30));
    }
    appendWithFreshProducerOnTimeout(topic, records);
    System.out.printf("appended %,d synthetic events%n", records.size());

    String backfilled = clickhouse.freshDatabaseName("backfill");
    PavedJobs.backfill(
        config(home, topic, backfilled), kafka.bootstrapServers(), clickhouse.httpUrl());
    ClickHouse backfill = clickhouse.connect(backfilled);
    Map<String, List<String>> expected = PavedTables.rows(backfill);

    String streamed = clickhouse.freshDatabaseName("streaming");
    ClickHouse streaming = clickhouse.connect(streamed);
    try (RunningJob job =
        PavedJobs.start(
            config(home, topic, streamed), kafka.bootstrapServers(), clickhouse.httpUrl())) {
      long deadline = System.nanoTime() + CATCH_UP.toNanos();
      while (System.nanoTime() < deadline && !expected.equals(rowsOrNone(streaming))) {
        Thread.sleep(1000);
      }
    }
    System.out.println("rows per table: " + PavedTables.assertSameRows(backfill, streaming));
  }

  /** The tables' rows, or none while the job has not created them yet. */
  /**
   * Right after a topic is created, an idempotent producer whose first batch meets
   * NOT_LEADER_OR_FOLLOWER can retry OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout (seen
   * with kafka-clients 4.2 against broker 4.4). A new producer starts new sequences; events a
   * failed attempt did store come twice, which the jobs' dedupe by id absorbs.
   */
  private static void appendWithFreshProducerOnTimeout(String topic, List<LogRecord> records)
      throws Exception {
    for (int attempt = 1; ; attempt++) {
      try (EventLog log = new EventLog(kafka.bootstrapServers(), topic, Duration.ofSeconds(20))) {
        log.append(records).get(60, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (attempt == 4) {
          throw e;
        }
      }
    }
  }

  private static Map<String, List<String>> rowsOrNone(ClickHouse db) {
    try {
      return PavedTables.rows(db);
    } catch (RuntimeException e) {
      return new LinkedHashMap<>();
    }
  }

  /** A survey event (no pipeline but the raw one reads surveys) a year after every other event. */
  private static LogRecord sentinel(List<LogRecord> records) throws Exception {
    Instant last = Instant.EPOCH;
    LogRecord survey = null;
    for (LogRecord record : records) {
      Instant receivedAt = Instant.parse(record.headers().get("received-at"));
      last = receivedAt.isAfter(last) ? receivedAt : last;
      if (survey == null && "survey".equals(record.headers().get(LogRecord.TYPE_HEADER))) {
        survey = record;
      }
    }
    if (survey == null) {
      throw new IllegalStateException("the synthetic organisation has no survey event");
    }
    Instant time = last.plus(Duration.ofDays(365));
    ObjectNode json = (ObjectNode) EventCodec.mapper().readTree(survey.value());
    json.put("id", "sentinel-after-everything");
    json.put("time", time.toString());
    Map<String, String> headers = new LinkedHashMap<>(survey.headers());
    headers.put("received-at", time.toString());
    return new LogRecord(
        "sentinel-after-everything", EventCodec.mapper().writeValueAsBytes(json), headers);
  }

  private static PavedConfig config(Path home, String topic, String database) {
    Map<String, String> environment = new HashMap<>();
    environment.put("PAVED_HOME", home.resolve(database).toString());
    environment.put("PAVED_KAFKA_TOPIC", topic);
    environment.put("PAVED_CLICKHOUSE_DATABASE", database);
    environment.put("PAVED_JOBS_CONSUMER_GROUP", "group-" + database);
    environment.put("PAVED_JOBS_CHECKPOINT_INTERVAL_MS", "1000");
    environment.put("PAVED_JOBS_SINK_FLUSH_MS", "200");
    environment.put("PAVED_JOBS_IDLE_TIMEOUT_SECONDS", "1");
    // Streaming refreshes the deviation clusters a second after the last deviation event.
    environment.put("PAVED_JOBS_DEVIATION_REFRESH_MS", "1000");
    return PavedConfig.from(SettingValues.of(environment, Map.of()));
  }
}
