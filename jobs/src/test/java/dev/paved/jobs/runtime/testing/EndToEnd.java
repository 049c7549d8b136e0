package dev.paved.jobs.runtime.testing;

import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.ingest.log.EventLog;
import dev.paved.ingest.log.EventTopic;
import dev.paved.ingest.log.LogRecord;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.model.Event;
import dev.paved.model.EventCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A private Kafka broker and ClickHouse server, and the jobs' settings pointing at them. */
public final class EndToEnd {
  public static final Duration WAIT = Duration.ofSeconds(60);

  private final PrivateKafkaExtension kafka;
  private final PrivateClickHouseExtension clickhouse;

  public EndToEnd(PrivateKafkaExtension kafka, PrivateClickHouseExtension clickhouse) {
    this.kafka = kafka;
    this.clickhouse = clickhouse;
  }

  /** Settings for a job reading {@code topic} into {@code database}, with {@code more} on top. */
  public PavedConfig config(Path home, String topic, String database, Map<String, String> more) {
    Map<String, String> environment = new HashMap<>(more);
    environment.put("PAVED_HOME", home.toString());
    environment.put("PAVED_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    environment.put("PAVED_KAFKA_TOPIC", topic);
    environment.put("PAVED_CLICKHOUSE_URL", clickhouse.httpUrl());
    environment.put("PAVED_CLICKHOUSE_DATABASE", database);
    environment.put("PAVED_JOBS_CONSUMER_GROUP", "group-" + topic);
    return PavedConfig.from(SettingValues.of(environment, Map.of()));
  }

  /** As ingest appends it (see EventsEndpoint): key id, canonical JSON, the four headers. */
  public static LogRecord record(Event event, String sender, String receivedAt) {
    return new LogRecord(
        event.id(),
        EventCodec.encode(event),
        Map.of(
            "source",
            sender,
            "type",
            event.type().wireName(),
            "received-at",
            Instant.parse(receivedAt).toString(),
            "content-type",
            "application/json"));
  }

  public void createTopic(String topic) {
    try (EventTopic events = new EventTopic(kafka.bootstrapServers(), kafka.kafkaConfig(topic))) {
      events.createIfMissing(Duration.ofSeconds(30));
    }
  }

  /** Appends with ingest's own producer, after creating the topic if needed. */
  public void append(String topic, LogRecord... records) throws Exception {
    createTopic(topic);
    try (EventLog log = new EventLog(kafka.bootstrapServers(), topic)) {
      log.append(List.of(records)).get(30, TimeUnit.SECONDS);
    }
  }

  /** Rows of {@code events}, e.g. with {@code modifier} {@code "FINAL"}. */
  public static long count(ClickHouse db, String modifier) {
    return db.queryRows("SELECT count() AS n FROM " + db.table("events") + " " + modifier)
        .get(0)
        .get("n")
        .asLong();
  }

  /** A condition that may throw, e.g. a query. */
  public interface Check {
    boolean holds() throws Exception;
  }

  public static void awaitTrue(Check condition, String what) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within " + WAIT.toSeconds() + " s");
      }
      Thread.sleep(100);
    }
  }
}
