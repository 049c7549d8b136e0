package dev.paved.jobs.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.ingest.log.EventLog;
import dev.paved.ingest.log.EventTopic;
import dev.paved.ingest.log.LogRecord;
import dev.paved.ingest.synthetic.OrganisationShape;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.jobs.bench.SyntheticEventLog;
import dev.paved.model.EventCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Utils;

/**
 * What the tests comparing a streaming run with a backfill share: the event log (a tiny synthetic
 * organisation ending with a sentinel), appending it, the jobs' settings and waiting for the
 * streaming rows.
 */
final class StreamingRuns {

  private StreamingRuns() {}

  /**
   * The tiny synthetic organisation of {@code seed}, then a sentinel in each of the topic's {@code
   * partitions}: an inert survey event a year after every other event. A backfill ends with the end
   * of its input, which fires every event-time timer; a streaming job fires them as its watermark
   * passes, so the sentinels carry the streaming watermark past every other event's timers. With a
   * sentinel in every partition no partition needs to go idle for that, and {@link #config} lets
   * none: an idle partition stops holding the watermark back, which then depends on when events
   * arrive rather than on the log, and a key's expiry could pass before an event of another
   * partition that a backfill still gives it.
   */
  static List<LogRecord> log(long seed, int partitions) throws Exception {
    List<LogRecord> records =
        SyntheticEventLog.records(OrganisationShape.tiny(), seed, Long.MAX_VALUE);
    records.addAll(sentinels(records, partitions));
    return records;
  }

  static void createTopic(PrivateKafkaExtension kafka, String topic) {
    try (EventTopic events = new EventTopic(kafka.bootstrapServers(), kafka.kafkaConfig(topic))) {
      events.createIfMissing(Duration.ofSeconds(30));
    }
  }

  static void append(String bootstrapServers, String topic, List<LogRecord> records)
      throws Exception {
    try (EventLog log = new EventLog(bootstrapServers, topic, Duration.ofSeconds(20))) {
      log.append(records).get(60, TimeUnit.SECONDS);
    }
  }

  /**
   * The jobs' settings for one run: its own home (checkpoints), consumer group and database;
   * checkpoints every second, quick sink flushes, and no partition ever idle (see {@link #log}).
   */
  static PavedConfig config(Path home, String topic, String database) {
    Map<String, String> environment = new HashMap<>();
    environment.put("PAVED_HOME", home.resolve(database).toString());
    environment.put("PAVED_KAFKA_TOPIC", topic);
    environment.put("PAVED_CLICKHOUSE_DATABASE", database);
    environment.put("PAVED_JOBS_CONSUMER_GROUP", "group-" + database);
    environment.put("PAVED_JOBS_CHECKPOINT_INTERVAL_MS", "1000");
    environment.put("PAVED_JOBS_SINK_FLUSH_MS", "200");
    environment.put("PAVED_JOBS_IDLE_TIMEOUT_SECONDS", "86400");
    // Streaming refreshes the deviation clusters a second after the last deviation event.
    environment.put("PAVED_JOBS_DEVIATION_REFRESH_MS", "1000");
    return PavedConfig.from(SettingValues.of(environment, Map.of()));
  }

  /**
   * Waits until {@code db} holds {@code expected} (see {@link PavedTables#rows}), or the timeout.
   */
  static void awaitRows(
      Map<String, List<String>> expected, Supplier<ClickHouse> db, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && !expected.equals(rowsOrNone(db))) {
      Thread.sleep(1000);
    }
  }

  /** The tables' rows, or none while the job has not created them yet or ClickHouse is away. */
  static Map<String, List<String>> rowsOrNone(Supplier<ClickHouse> db) {
    try {
      return PavedTables.rows(db.get());
    } catch (RuntimeException e) {
      return new LinkedHashMap<>();
    }
  }

  /** How many rows {@code table} holds; -1 while it does not exist or ClickHouse is away. */
  static long count(ClickHouse db, String table) {
    try {
      return db.queryRows("SELECT count() AS n FROM " + db.table(table) + " FINAL")
          .get(0)
          .get("n")
          .asLong();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static List<LogRecord> sentinels(List<LogRecord> records, int partitions)
      throws Exception {
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
    Map<Integer, LogRecord> byPartition = new TreeMap<>();
    for (int n = 0; byPartition.size() < partitions; n++) {
      String id = "sentinel-after-everything-" + n;
      // Kafka's default partitioner for a keyed record
      int partition =
          Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
      if (!byPartition.containsKey(partition)) {
        ObjectNode json = (ObjectNode) EventCodec.mapper().readTree(survey.value());
        json.put("id", id);
        json.put("time", time.toString());
        Map<String, String> headers = new LinkedHashMap<>(survey.headers());
        headers.put("received-at", time.toString());
        byPartition.put(
            partition, new LogRecord(id, EventCodec.mapper().writeValueAsBytes(json), headers));
      }
    }
    return List.copyOf(byPartition.values());
  }
}
