package dev.paved.jobs.workflows;

import static dev.paved.jobs.workflows.WorkflowEvents.FEATURE;
import static dev.paved.jobs.workflows.WorkflowEvents.completed;
import static dev.paved.jobs.workflows.WorkflowEvents.failed;
import static dev.paved.jobs.workflows.WorkflowEvents.started;
import static dev.paved.jobs.workflows.WorkflowEvents.step;
import static dev.paved.jobs.workflows.WorkflowEvents.ticket;
import static dev.paved.jobs.workflows.WorkflowEvents.used;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.ingest.log.LogRecord;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.jobs.PavedJobs;
import dev.paved.jobs.runtime.testing.EndToEnd;
import dev.paved.model.Event;
import java.nio.file.Path;
import java.util.List;
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
 * The production job in backfill mode over workflow runs and tickets: events appended to a private
 * Kafka broker as ingest appends them, the job on a MiniCluster, the rows read back from a private
 * ClickHouse with {@code FINAL}. The data set (all env-provisioning, March 2026):
 *
 * <ul>
 *   <li>r-1 (dev-1): started 02 09:00, choose-template 09:05, then nothing for 30 h (abandoned at
 *       03 09:05), configure-ci 03 15:05 (revived), completed 15:35: completed.
 *   <li>r-2 (dev-2): started 02 10:00, completed 03 09:59, a minute before the timeout: completed.
 *   <li>r-3 (dev-3): started 02 11:00, failed at configure-ci 11:10 ("quota exceeded"): abandoned;
 *       dev-3 opens T-1 on the feature 03 20:00, 32 h 50 min after the failure: within 48 h.
 *   <li>r-4 (dev-4): started 02 12:00, failed at configure-ci 12:30 ("quota exceeded"): abandoned;
 *       dev-4 opens T-2 04 12:31, 48 h 1 min after: outside.
 *   <li>dev-5 uses secrets at 02 09:00 and 09:10 (one 15-minute slot).
 * </ul>
 */
@Timeout(180)
class WorkflowsEndToEndTest {
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
  void backfillWritesAttemptsStepsFollowUpsAndFeatureUse(@TempDir Path home) throws Exception {
    String topic = "workflows.events";
    String database = clickhouse.freshDatabaseName("workflows");
    append(
        topic,
        started("u-11", "2026-03-02T09:00:00Z", "r-1", "dev-1"),
        step("u-12", "2026-03-02T09:05:00Z", "r-1", "dev-1", "choose-template"),
        started("u-21", "2026-03-02T10:00:00Z", "r-2", "dev-2"),
        started("u-31", "2026-03-02T11:00:00Z", "r-3", "dev-3"),
        failed("u-32", "2026-03-02T11:10:00Z", "r-3", "dev-3", "configure-ci", "quota exceeded"),
        started("u-41", "2026-03-02T12:00:00Z", "r-4", "dev-4"),
        failed("u-42", "2026-03-02T12:30:00Z", "r-4", "dev-4", "configure-ci", "quota exceeded"),
        used("u-51", "2026-03-02T09:00:00Z", "dev-5", "payments", "secrets"),
        used("u-52", "2026-03-02T09:10:00Z", "dev-5", "payments", "secrets"),
        completed("u-22", "2026-03-03T09:59:00Z", "r-2", "dev-2"),
        step("u-13", "2026-03-03T15:05:00Z", "r-1", "dev-1", "configure-ci"),
        completed("u-14", "2026-03-03T15:35:00Z", "r-1", "dev-1"),
        ticket("t-1", "2026-03-03T20:00:00Z", "T-1", "dev-3", FEATURE),
        ticket("t-2", "2026-03-04T12:31:00Z", "T-2", "dev-4", FEATURE));

    PavedJobs.backfill(
        StreamExecutionEnvironment.getExecutionEnvironment(),
        endToEnd.config(home, topic, database, Map.of()),
        kafka.bootstrapServers(),
        clickhouse.httpUrl());

    ClickHouse db = clickhouse.connect(database);
    assertEquals(
        List.of(
            "r-1|dev-1|2026-03-02 09:00:00|2026-03-03 15:35:00|completed|configure-ci|4|0",
            "r-2|dev-2|2026-03-02 10:00:00|2026-03-03 09:59:00|completed|started|2|0",
            "r-3|dev-3|2026-03-02 11:00:00|2026-03-02 11:10:00|abandoned|configure-ci|2|1",
            "r-4|dev-4|2026-03-02 12:00:00|2026-03-02 12:30:00|abandoned|configure-ci|2|1"),
        rows(
            db,
            "SELECT concat(run_id, '|', actor, '|', toString(started_at), '|',"
                + " toString(last_event_at), '|', status, '|', last_step, '|', toString(events),"
                + " '|', toString(failures)) AS r FROM "
                + db.table("workflow_attempts")
                + " FINAL ORDER BY id"));
    // choose-template of r-1: 02 09:05 -> 03 15:05 = 30 h = 108,000 s; configure-ci 15:05 ->
    // 15:35 = 1,800 s; the failures ended their runs: no next event, no dwell.
    assertEquals(
        List.of(
            "r-1|choose-template|0||108000",
            "r-1|configure-ci|0||1800",
            "r-3|configure-ci|1|quota exceeded|\\N",
            "r-4|configure-ci|1|quota exceeded|\\N"),
        rows(
            db,
            "SELECT concat(run_id, '|', step, '|', toString(failed), '|', error, '|',"
                + " ifNull(toString(dwell_seconds), '\\\\N')) AS r FROM "
                + db.table("workflow_steps")
                + " FINAL ORDER BY run_id, at"));
    assertEquals(
        List.of("r-1|0|", "r-2|0|", "r-3|1|T-1", "r-4|1|"),
        rows(
            db,
            "SELECT concat(run_id, '|', toString(abandoned), '|', ticket_id) AS r FROM "
                + db.table("workflow_ticket_followups")
                + " FINAL ORDER BY id"));
    // dev-1: slots 02 09:00, 03 15:00, 03 15:30; dev-2: 02 10:00, 03 09:45; dev-3: 02 11:00;
    // dev-4: 02 12:00, 02 12:30; dev-5 (secrets): 02 09:00.
    assertEquals(
        List.of(
            "env-provisioning|dev-1|3",
            "env-provisioning|dev-2|2",
            "env-provisioning|dev-3|1",
            "env-provisioning|dev-4|2",
            "secrets|dev-5|1"),
        rows(
            db,
            "SELECT concat(feature, '|', actor, '|', toString(count())) AS r FROM "
                + db.table("feature_usage")
                + " FINAL GROUP BY feature, actor ORDER BY feature, actor"));
  }

  private static List<String> rows(ClickHouse db, String sql) {
    return db.queryRows(sql).stream().map(row -> row.get("r").asText()).toList();
  }

  /** Appends as ingest does (key id, canonical JSON, its headers), received a second later. */
  private static void append(String topic, Event... events) throws Exception {
    endToEnd.append(
        topic,
        Stream.of(events)
            .map(e -> EndToEnd.record(e, "test", e.time().plusSeconds(1).toString()))
            .toArray(LogRecord[]::new));
  }
}
