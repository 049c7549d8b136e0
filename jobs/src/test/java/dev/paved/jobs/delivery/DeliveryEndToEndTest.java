package dev.paved.jobs.delivery;

import static dev.paved.jobs.delivery.Events.change;
import static dev.paved.jobs.delivery.Events.deploy;
import static dev.paved.jobs.delivery.Events.incident;
import static dev.paved.jobs.delivery.Events.listing;
import static dev.paved.jobs.delivery.Events.pullRequest;
import static dev.paved.model.Deploy.Status.FAILURE;
import static dev.paved.model.Incident.Action.OPENED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.ingest.log.LogRecord;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.jobs.PavedJobs;
import dev.paved.jobs.runtime.testing.EndToEnd;
import dev.paved.model.Event;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
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

  private static final EndToEnd endToEnd = new EndToEnd(kafka, clickhouse);

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
        incident("i-1", "2026-03-02T17:00:00Z", "inc-1", OPENED, "payments", null),
        // acme/pay#7 squash-merged as s7, pushed (a change of its own); the deploy names only s7
        // and its merged event, listing s7, comes after the deploy.
        listing(
            pullRequest(
                "pr-7-opened",
                "2026-03-05T08:00:00Z",
                "payments",
                "acme/pay#7",
                "dev-41",
                "2026-03-05T09:00:00Z",
                "2026-03-05T10:30:00Z",
                null),
            "b71"),
        change("c-s7", "2026-03-05T12:00:00Z", "payments", "s7", "dev-41"),
        deploy("d-8", "2026-03-05T14:00:00Z", "payments", "7796", "s7"),
        listing(
            pullRequest(
                "pr-7-merged",
                "2026-03-05T12:00:00Z",
                "payments",
                "acme/pay#7",
                "dev-41",
                null,
                null,
                "2026-03-05T12:00:00Z"),
            "b71",
            "s7"),
        // acme/pay#8 squash-merged as s8: its merged event first, then the deploy naming s8.
        listing(
            pullRequest(
                "pr-8-merged",
                "2026-03-05T10:00:00Z",
                "payments",
                "acme/pay#8",
                "dev-42",
                "2026-03-05T11:00:00Z",
                "2026-03-05T12:00:00Z",
                "2026-03-05T13:00:00Z"),
            "s8"),
        deploy("d-9", "2026-03-05T15:30:00Z", "payments", "7797", "s8"));

    PavedJobs.backfill(
        StreamExecutionEnvironment.getExecutionEnvironment(),
        endToEnd.config(home, topic, database, Map.of()),
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
                    + " FINAL WHERE change_id IN ('c1', 'c2') ORDER BY id")
            .toString());
    assertEquals(
        "[{\"id\":\"change:payments:acme/pay#7\",\"deploy_id\":\"7796\","
            + "\"lead_time_seconds\":21600,\"coding_seconds\":3600,\"pickup_seconds\":5400,"
            + "\"review_seconds\":5400,\"deploy_seconds\":7200,\"superseded_by\":\"\"}, "
            + "{\"id\":\"change:payments:acme/pay#8\",\"deploy_id\":\"7797\","
            + "\"lead_time_seconds\":19800,\"coding_seconds\":3600,\"pickup_seconds\":3600,"
            + "\"review_seconds\":3600,\"deploy_seconds\":9000,\"superseded_by\":\"\"}, "
            + "{\"id\":\"change:payments:s7\",\"deploy_id\":\"7796\","
            + "\"lead_time_seconds\":7200,\"coding_seconds\":null,\"pickup_seconds\":null,"
            + "\"review_seconds\":null,\"deploy_seconds\":null,"
            + "\"superseded_by\":\"acme/pay#7\"}]",
        // #7: 08:00 -> 14:00 = 21,600 = 3,600 (-> opened 09:00) + 5,400 (-> review 10:30)
        //     + 5,400 (-> merged 12:00) + 7,200 (-> deployed 14:00)
        // #8: 10:00 -> 15:30 = 19,800 = 3 x 3,600 (11:00, 12:00, 13:00) + 9,000 (-> 15:30)
        // s7: the squash commit, 12:00 -> 14:00, superseded by #7: not counted
        db.queryRows(
                "SELECT id, deploy_id, lead_time_seconds, coding_seconds, pickup_seconds,"
                    + " review_seconds, deploy_seconds, superseded_by FROM "
                    + db.table("change_lead_times")
                    + " FINAL WHERE change_id NOT IN ('c1', 'c2') ORDER BY id")
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
                    + " FINAL WHERE deploy_id IN ('7781', '7790', '7791') ORDER BY id")
            .toString());
    assertEquals(
        "[{\"id\":\"incident:inc-1\",\"resolved_at\":null,\"recovery_seconds\":null}]",
        db.queryRows(
                "SELECT id, resolved_at, recovery_seconds FROM " + db.table("incidents") + " FINAL")
            .toString());
  }

  /**
   * Appends as ingest does, received a second after its latest time ({@link PipelineRun#logged}: a
   * pull request's times are known when it is sent).
   */
  private static void append(String topic, Event... events) throws Exception {
    endToEnd.append(
        topic,
        Stream.of(events)
            .map(
                e ->
                    EndToEnd.record(
                        e,
                        "ci",
                        Instant.ofEpochMilli(PipelineRun.logged(e).receivedAtMillis()).toString()))
            .toArray(LogRecord[]::new));
  }
}
