package dev.paved.jobs.onboarding;

import static dev.paved.jobs.delivery.Events.change;
import static dev.paved.jobs.delivery.Events.deploy;
import static dev.paved.jobs.delivery.Events.developer;
import static dev.paved.jobs.delivery.Events.usage;
import static dev.paved.model.Developer.Action.JOINED;
import static dev.paved.model.Usage.Action.COMPLETED;
import static dev.paved.model.Usage.Action.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.jobs.delivery.PipelineRun;
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
 * The onboarding pipeline in the whole job graph on a MiniCluster, over a small history whose rows
 * are computed by hand below (rows read as {@code FINAL} would).
 */
@Timeout(90)
class OnboardingPipelineTest {
  @RegisterExtension
  static final MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  static final List<Event> HISTORY =
      List.of(
          developer("j-1", "2026-03-01T08:00:00Z", "dev-77", JOINED, "search"),
          // The same joined event again: counted once.
          developer("j-1", "2026-03-01T08:00:00Z", "dev-77", JOINED, "search"),
          usage(
              "u-1",
              "2026-03-01T09:00:00Z",
              "dev-77",
              BootstrapRuns.FEATURE,
              STARTED,
              "r-1",
              Map.of("service", "search-api")),
          usage(
              "u-2",
              "2026-03-01T09:20:00Z",
              "dev-77",
              BootstrapRuns.FEATURE,
              COMPLETED,
              "r-1",
              Map.of()),
          // Its deploy before the change event (out of order).
          deploy("d-1", "2026-03-02T14:00:00Z", "search-api", "9001", "a1"),
          change("c-1", "2026-03-01T10:00:00Z", "search-api", "a1", "dev-77"),
          // dev-88 authors a change and never deploys.
          developer("j-2", "2026-03-05T09:00:00Z", "dev-88", JOINED, "search"),
          change("c-2", "2026-03-05T11:00:00Z", "search-api", "b1", "dev-88"),
          // A run that completes with no deploy following.
          usage(
              "u-3",
              "2026-03-05T10:00:00Z",
              "dev-88",
              BootstrapRuns.FEATURE,
              STARTED,
              "r-2",
              Map.of("service", "ranker")),
          usage(
              "u-4",
              "2026-03-05T10:30:00Z",
              "dev-88",
              BootstrapRuns.FEATURE,
              COMPLETED,
              "r-2",
              Map.of()));

  static CollectingTables tables;

  @BeforeAll
  static void run() throws Exception {
    tables = PipelineRun.run(HISTORY);
  }

  @Test
  void milestones() {
    Map<String, MilestoneRow> rows =
        PipelineRun.finalRows(
            tables.rows(MilestoneRow.TABLE, MilestoneRow.class),
            MilestoneRow::id,
            MilestoneRow::version);
    assertEquals(6, rows.size(), "two developers, three milestones each: " + rows.keySet());

    MilestoneRow first = rows.get("milestone:dev-77:first_change");
    assertEquals("2026-03-01 08:00:00", first.joinedAt());
    assertEquals("2026-03-01", first.cohortMonth());
    assertEquals("search", first.team());
    assertEquals("2026-03-01 10:00:00", first.reachedAt()); // 2 h after the join
    assertEquals(
        "2026-03-02 14:00:00", rows.get("milestone:dev-77:first_deploy").reachedAt()); // 30 h
    assertEquals(null, rows.get("milestone:dev-77:tenth_change").reachedAt(), "one change of ten");

    assertEquals("2026-03-05 11:00:00", rows.get("milestone:dev-88:first_change").reachedAt());
    MilestoneRow censored = rows.get("milestone:dev-88:first_deploy");
    assertEquals(null, censored.reachedAt(), "never deployed: censored, not dropped");
    assertEquals(0, censored.reachedMs());
    assertEquals(null, censored.leftAt());
  }

  @Test
  void serviceBootstraps() {
    Map<String, BootstrapRow> rows =
        PipelineRun.finalRows(
            tables.rows(BootstrapRow.TABLE, BootstrapRow.class),
            BootstrapRow::id,
            BootstrapRow::version);
    assertEquals(List.of("bootstrap:ranker", "bootstrap:search-api"), List.copyOf(rows.keySet()));

    BootstrapRow deployed = rows.get("bootstrap:search-api");
    assertEquals("r-1", deployed.runId());
    assertEquals("9001", deployed.deployId());
    assertEquals(0, deployed.completedWithoutDeploy());
    assertEquals("2026-03-02 14:00:00", deployed.endedAt());
    // 03-01 09:00 -> 03-02 14:00 = 29 h = 104,400 s (the deploy, not the 09:20 completion)
    assertEquals(104_400, deployed.bootstrapSeconds());

    BootstrapRow completed = rows.get("bootstrap:ranker");
    assertEquals("", completed.deployId());
    assertEquals(1, completed.completedWithoutDeploy());
    assertEquals(1_800, completed.bootstrapSeconds()); // 10:00 -> 10:30
  }
}
