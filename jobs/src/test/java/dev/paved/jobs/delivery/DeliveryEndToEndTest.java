package dev.paved.jobs.delivery;

import static dev.paved.jobs.delivery.Events.change;
import static dev.paved.jobs.delivery.Events.deploy;
import static dev.paved.jobs.delivery.Events.incident;
import static dev.paved.model.Deploy.Status.FAILURE;
import static dev.paved.model.Incident.Action.OPENED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.ingest.log.EventLog;
import dev.paved.ingest.log.EventTopic;
import dev.paved.ingest.log.LogRecord;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.jobs.PavedJobs;
import dev.paved.model.Event;
import dev.paved.model.EventCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production job in backfill mode, end to end (as {@code RawEventsEndToEndTest}): delivery
 * events appended to a private Kafka broker the way ingest appends them, the job on a MiniCluster,
 * the migrations applied by the job, and the fact rows read back from a private ClickHouse with
 * {@code FINAL}.
 */
@Timeout(180)
class DeliveryEndToEndTest {
  @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  @RegisterExtension
  static final MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void backfillWritesLeadTimesAndDeploys(@TempDir Path home) throws Exception {
    String topic = "delivery.events";
    String database = clickhouse.freshDatabaseName("delivery");
    append(
        topic,
        // Deploy before its change; then the same deploy event again.
        deploy("d-1", "2026-03-02T16:00:00.250Z", "payments", "7781", "c1"),
        change("c-1", "2026-03-02T09:00:00Z", "payments", "c1", "dev-41"),
        deploy("d-1", "2026-03-02T16:00:00.250Z", "payments", "7781", "c1"),
        // c2: failed, then shipped.
        change("c-2", "2026-03-02T08:00:00Z", "payments", "c2", null),
        deploy("d-2", "2026-03-02T10:00:00Z", "payments", "7790", "production", FAILURE, "c2"),
        deploy("d-3", "2026-03-02T11:00:00Z", "payments", "7791", "c2"),
        // Names no deploy: inferred to 7781, the last successful one before it, within 24 h.
        incident("i-1", "2026-03-02T17:00:00Z", "inc-1", OPENED, "payments", null));

    PavedJobs.backfill(
        StreamExecutionEnvironment.getExecutionEnvironment(),
        config(home, topic, database),
        kafka.bootstrapServers(),
        clickhouse.httpUrl());

    ClickHouse db = clickhouse.connect(database);
    assertEquals(
        "[{\"id\":\"change:payments:c1\",\"deploy_id\":\"7781\",\"actor\":\"dev-41\","
            + "\"authored_at\":\"2026-03-02 09:00:00\",\"deployed_at\":\"2026-03-02 16:00:00\","
            + "\"deployed_ms\":250,\"lead_time_seconds\":25200.25,\"coding_seconds\":null}, "
            + "{\"id\":\"change:payments:c2\",\"deploy_id\":\"7791\",\"actor\":\"\","
            + "\"authored_at\":\"2026-03-02 08:00:00\",\"deployed_at\":\"2026-03-02 11:00:00\","
            + "\"deployed_ms\":0,\"lead_time_seconds\":10800,\"coding_seconds\":null}]",
        // 16:00:00.250 - 09:00 = 25,200.25 s; 11:00 - 08:00 = 10,800 s
        db.queryRows(
                "SELECT id, deploy_id, actor, authored_at, deployed_at, deployed_ms,"
                    + " lead_time_seconds, coding_seconds FROM "
                    + db.table("change_lead_times")
                    + " FINAL ORDER BY id")
            .toString());
    assertEquals(
        "[{\"deploy_id\":\"7781\",\"production\":1,\"status\":\"success\",\"failed\":0,"
            + "\"caused_incident\":1,\"incident_inferred\":1,\"finished_ms\":250}, "
            + "{\"deploy_id\":\"7790\",\"production\":1,\"status\":\"failure\",\"failed\":1,"
            + "\"caused_incident\":0,\"incident_inferred\":0,\"finished_ms\":0}, "
            + "{\"deploy_id\":\"7791\",\"production\":1,\"status\":\"success\",\"failed\":0,"
            + "\"caused_incident\":0,\"incident_inferred\":0,\"finished_ms\":0}]",
        db.queryRows(
                "SELECT deploy_id, production, status, failed, caused_incident,"
                    + " incident_inferred, finished_ms FROM "
                    + db.table("deploys")
                    + " FINAL ORDER BY id")
            .toString());
    assertEquals(
        "[{\"id\":\"incident:inc-1\",\"resolved_at\":null,\"recovery_seconds\":null}]",
        db.queryRows(
                "SELECT id, resolved_at, recovery_seconds FROM " + db.table("incidents") + " FINAL")
            .toString());
  }

  private static PavedConfig config(Path home, String topic, String database) {
    return PavedConfig.from(
        SettingValues.of(
            Map.of(
                "PAVED_HOME",
                home.toString(),
                "PAVED_KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "PAVED_KAFKA_TOPIC",
                topic,
                "PAVED_CLICKHOUSE_URL",
                clickhouse.httpUrl(),
                "PAVED_CLICKHOUSE_DATABASE",
                database,
                "PAVED_JOBS_CONSUMER_GROUP",
                "group-" + topic),
            Map.of()));
  }

  /** Appends as ingest does (key id, canonical JSON, its headers), received a second later. */
  private static void append(String topic, Event... events) throws Exception {
    try (EventTopic created = new EventTopic(kafka.bootstrapServers(), kafka.kafkaConfig(topic))) {
      created.createIfMissing(Duration.ofSeconds(30));
    }
    List<LogRecord> records =
        List.of(events).stream()
            .map(
                event ->
                    new LogRecord(
                        event.id(),
                        EventCodec.encode(event),
                        Map.of(
                            "source",
                            "ci",
                            "type",
                            event.type().wireName(),
                            "received-at",
                            event.time().plusSeconds(1).toString(),
                            "content-type",
                            "application/json")))
            .toList();
    try (EventLog log = new EventLog(kafka.bootstrapServers(), topic)) {
      log.append(records).get(30, TimeUnit.SECONDS);
    }
  }
}
