package dev.paved.jobs.delivery;

import static dev.paved.jobs.delivery.Events.change;
import static dev.paved.jobs.delivery.Events.deploy;
import static dev.paved.jobs.delivery.Events.incident;
import static dev.paved.jobs.delivery.Events.listing;
import static dev.paved.jobs.delivery.Events.pullRequest;
import static dev.paved.model.Deploy.Status.FAILURE;
import static dev.paved.model.Deploy.Status.SUCCESS;
import static dev.paved.model.Incident.Action.OPENED;
import static dev.paved.model.Incident.Action.RESOLVED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.jobs.runtime.testing.CollectingTables;
import dev.paved.model.Event;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The delivery pipeline in the whole job graph on a MiniCluster, over a small history whose rows
 * are computed by hand below. Rows are read as ClickHouse's {@code FINAL} would: per id, the one
 * with the highest version.
 */
@Timeout(90)
class DeliveryPipelineTest {
  @RegisterExtension
  static final MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  /** The history, in the order the log holds it. */
  static final List<Event> HISTORY =
      List.of(
          // c1: its deploy comes first, its change event after (out of order).
          deploy("d-1", "2026-03-02T16:00:00Z", "payments", "7781", "c1"),
          pullRequest(
              "c-1",
              "2026-03-02T09:00:00Z",
              "payments",
              "c1",
              "dev-41",
              "2026-03-02T10:00:00Z",
              "2026-03-02T11:00:00Z",
              "2026-03-02T12:00:00Z"),
          // The same deploy event again (a duplicate id): counted once.
          deploy("d-1", "2026-03-02T16:00:00Z", "payments", "7781", "c1"),
          // c2: a failed deploy, then a successful one.
          change("c-2", "2026-03-02T08:00:00Z", "payments", "c2", "dev-42"),
          deploy("d-2", "2026-03-02T10:00:00Z", "payments", "7790", "production", FAILURE, "c2"),
          deploy("d-3", "2026-03-02T11:00:00Z", "payments", "7791", "c2"),
          // A staging deploy ships nothing and is no production deploy.
          deploy("d-4", "2026-03-02T13:00:00Z", "payments", "7795", "staging", SUCCESS, "c1"),
          // c1 shipped again, with c3: c1 still counts its first deploy.
          change("c-3", "2026-03-03T09:30:00Z", "payments", "c3", "dev-41"),
          deploy("d-5", "2026-03-03T10:00:00Z", "payments", "7792", "c1", "c3"),
          // c5: a later deploy first, then the earlier one two days late.
          change("c-5", "2026-03-01T12:00:00Z", "payments", "c5", "dev-43"),
          deploy("d-6", "2026-03-04T12:00:00Z", "payments", "7794", "c5"),
          // inc-1 names no deploy: inferred to payments' last successful production deploy
          // before 17:00 within 24 h: 7781 (16:00); 7790 failed, 7795 is staging.
          incident("i-1", "2026-03-02T17:00:00Z", "inc-1", OPENED, "payments", null),
          incident("i-2", "2026-03-02T18:30:00Z", "inc-1", RESOLVED, "payments", null),
          // inc-2 names 7792 and stays open.
          incident("i-3", "2026-03-03T11:00:00Z", "inc-2", OPENED, "payments", "7792"),
          // Late: two days behind the newest event time.
          deploy("d-7", "2026-03-02T12:00:00Z", "payments", "7780", "c5"),
          // acme/pay#7, squash-merged as s7 (pushed: a change of its own); the deploy names only
          // s7 and arrives before the merged event that lists s7.
          listing(
              pullRequest(
                  "pr-7-opened",
                  "2026-03-05T08:00:00Z",
                  "payments",
                  "acme/pay#7",
                  "dev-41",
                  "2026-03-05T09:00:00Z",
                  null,
                  null),
              "b71"),
          pullRequest(
              "pr-7-review",
              "2026-03-05T10:30:00Z",
              "payments",
              "acme/pay#7",
              "dev-41",
              null,
              "2026-03-05T10:30:00Z",
              null),
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
          // acme/pay#8, squash-merged as s8 (no change event of its own): merged event first,
          // then the deploy naming only s8.
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
              "b81",
              "s8"),
          deploy("d-9", "2026-03-05T15:30:00Z", "payments", "7797", "s8"));

  static CollectingTables tables;

  @BeforeAll
  static void run() throws Exception {
    tables = PipelineRun.run(HISTORY);
  }

  @Test
  void leadTimes() {
    Map<String, ChangeLeadTimeRow> rows =
        PipelineRun.finalRows(
            tables.rows(ChangeLeadTimeRow.TABLE, ChangeLeadTimeRow.class),
            ChangeLeadTimeRow::id,
            ChangeLeadTimeRow::version);
    assertEquals(
        List.of(
            "change:payments:acme/pay#7",
            "change:payments:acme/pay#8",
            "change:payments:c1",
            "change:payments:c2",
            "change:payments:c3",
            "change:payments:c5",
            "change:payments:s7"),
        List.copyOf(rows.keySet()));

    ChangeLeadTimeRow c1 = rows.get("change:payments:c1");
    assertEquals("7781", c1.deployId(), "its first deploy, not 7792 nor staging 7795");
    assertEquals("2026-03-02 09:00:00", c1.authoredAt());
    assertEquals("2026-03-02 16:00:00", c1.deployedAt());
    assertEquals(25_200, c1.leadTimeSeconds()); // 16:00 - 09:00 = 7 h
    assertEquals(3_600, c1.codingSeconds()); // 09:00 -> PR opened 10:00
    assertEquals(3_600, c1.pickupSeconds()); // -> first review 11:00
    assertEquals(3_600, c1.reviewSeconds()); // -> merged 12:00
    assertEquals(14_400, c1.deploySeconds()); // -> deployed 16:00; 3 x 3,600 + 14,400 = 25,200
    assertEquals("dev-41", c1.actor());
    assertEquals("checkout", c1.team());

    ChangeLeadTimeRow c2 = rows.get("change:payments:c2");
    assertEquals("7791", c2.deployId(), "the failed 7790 ships nothing");
    assertEquals(10_800, c2.leadTimeSeconds()); // 11:00 - 08:00
    assertEquals(null, c2.codingSeconds(), "no pull-request times");

    assertEquals(1_800, rows.get("change:payments:c3").leadTimeSeconds()); // 10:00 - 09:30

    ChangeLeadTimeRow c5 = rows.get("change:payments:c5");
    assertEquals("7780", c5.deployId(), "the late, earlier deploy wins");
    assertEquals(86_400, c5.leadTimeSeconds()); // 03-02 12:00 - 03-01 12:00
    assertEquals("", c5.supersededBy());
  }

  @Test
  void squashMergesShipTheirPullRequests() {
    Map<String, ChangeLeadTimeRow> rows =
        PipelineRun.finalRows(
            tables.rows(ChangeLeadTimeRow.TABLE, ChangeLeadTimeRow.class),
            ChangeLeadTimeRow::id,
            ChangeLeadTimeRow::version);

    // The merged event came after the deploy naming s7.
    ChangeLeadTimeRow pr7 = rows.get("change:payments:acme/pay#7");
    assertEquals("7796", pr7.deployId());
    assertEquals("2026-03-05 08:00:00", pr7.authoredAt()); // its first commit
    assertEquals(21_600, pr7.leadTimeSeconds()); // 08:00 -> 14:00 = 6 h
    assertEquals(3_600, pr7.codingSeconds()); // -> opened 09:00
    assertEquals(5_400, pr7.pickupSeconds()); // -> first review 10:30
    assertEquals(5_400, pr7.reviewSeconds()); // -> merged 12:00 (a later change event)
    assertEquals(7_200, pr7.deploySeconds()); // -> deployed 14:00; 3,600 + 2 x 5,400 + 7,200
    assertEquals("", pr7.supersededBy());
    ChangeLeadTimeRow s7 = rows.get("change:payments:s7");
    assertEquals("acme/pay#7", s7.supersededBy(), "its squash commit is the same work");
    assertEquals(7_200, s7.leadTimeSeconds()); // 12:00 -> 14:00, not counted

    // The merged event came before the deploy naming s8; s8 is no change of its own.
    ChangeLeadTimeRow pr8 = rows.get("change:payments:acme/pay#8");
    assertEquals("7797", pr8.deployId());
    assertEquals(19_800, pr8.leadTimeSeconds()); // 10:00 -> 15:30 = 5.5 h
    assertEquals(3_600, pr8.codingSeconds()); // -> opened 11:00
    assertEquals(3_600, pr8.pickupSeconds()); // -> first review 12:00
    assertEquals(3_600, pr8.reviewSeconds()); // -> merged 13:00
    assertEquals(9_000, pr8.deploySeconds()); // -> deployed 15:30; 3 x 3,600 + 9,000 = 19,800
    assertEquals("", pr8.supersededBy());

    // Counted: every row but s7, one per piece of work.
    assertEquals(6, rows.values().stream().filter(row -> row.supersededBy().isEmpty()).count());
  }

  @Test
  void deploys() {
    Map<String, DeployRow> rows =
        PipelineRun.finalRows(
            tables.rows(DeployRow.TABLE, DeployRow.class), DeployRow::id, DeployRow::version);
    assertEquals(
        List.of(
            "deploy:7780",
            "deploy:7781",
            "deploy:7790",
            "deploy:7791",
            "deploy:7792",
            "deploy:7794",
            "deploy:7795",
            "deploy:7796",
            "deploy:7797"),
        List.copyOf(rows.keySet()));
    // Successful production deploys: 7780, 7781, 7791, 7792, 7794, 7796, 7797 = 7 (deployment
    // frequency).
    assertEquals(
        7,
        rows.values().stream()
            .filter(row -> row.production() == 1 && row.status().equals("success"))
            .count());
    // Change failures: 7790 failed, 7781 caused inc-1 (inferred), 7792 caused inc-2 (named):
    // 3 of the 8 production deploys.
    assertEquals(
        List.of("7781", "7790", "7792"),
        rows.values().stream()
            .filter(row -> row.production() == 1)
            .filter(row -> row.failed() == 1 || row.causedIncident() == 1)
            .map(DeployRow::deployId)
            .toList());
    assertEquals(8, rows.values().stream().filter(row -> row.production() == 1).count());

    DeployRow inferred = rows.get("deploy:7781");
    assertEquals(1, inferred.causedIncident());
    assertEquals(1, inferred.incidentInferred());
    assertEquals("2026-03-02 16:00:00", inferred.finishedAt());
    DeployRow named = rows.get("deploy:7792");
    assertEquals(1, named.causedIncident());
    assertEquals(0, named.incidentInferred());
    DeployRow failed = rows.get("deploy:7790");
    assertEquals("failure", failed.status());
    assertEquals(1, failed.failed());
    assertEquals(0, rows.get("deploy:7795").production());
    assertEquals("staging", rows.get("deploy:7795").environment());
  }

  @Test
  void incidents() {
    Map<String, IncidentRow> rows =
        PipelineRun.finalRows(
            tables.rows(IncidentRow.TABLE, IncidentRow.class),
            IncidentRow::id,
            IncidentRow::version);
    assertEquals(List.of("incident:inc-1", "incident:inc-2"), List.copyOf(rows.keySet()));

    IncidentRow recovered = rows.get("incident:inc-1");
    assertEquals("2026-03-02 17:00:00", recovered.openedAt());
    assertEquals("2026-03-02 18:30:00", recovered.resolvedAt());
    assertEquals(5_400, recovered.recoverySeconds()); // 18:30 - 17:00
    assertEquals("", recovered.causedByDeploy(), "named none: the attribution is inferred");

    IncidentRow open = rows.get("incident:inc-2");
    assertEquals(null, open.resolvedAt());
    assertEquals(0, open.resolvedMs());
    assertEquals(null, open.recoverySeconds());
    assertEquals("7792", open.causedByDeploy());
  }
}
