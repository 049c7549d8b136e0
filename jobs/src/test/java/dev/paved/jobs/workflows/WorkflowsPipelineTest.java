package dev.paved.jobs.workflows;

import static dev.paved.jobs.workflows.WorkflowEvents.FEATURE;
import static dev.paved.jobs.workflows.WorkflowEvents.completed;
import static dev.paved.jobs.workflows.WorkflowEvents.failed;
import static dev.paved.jobs.workflows.WorkflowEvents.started;
import static dev.paved.jobs.workflows.WorkflowEvents.step;
import static dev.paved.jobs.workflows.WorkflowEvents.ticket;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.jobs.delivery.FactTable;
import dev.paved.jobs.delivery.PipelineRun;
import dev.paved.jobs.runtime.testing.CollectingTables;
import dev.paved.model.Event;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The workflows pipeline in the whole job graph on a MiniCluster (parallelism 2), with collecting
 * sinks read as ClickHouse's {@code FINAL} would; {@link FactTable} fails the test when a
 * re-emitted row does not carry a higher version than the one it replaces. The history arrives out
 * of order and with a duplicate.
 */
@Timeout(90)
class WorkflowsPipelineTest {
  @RegisterExtension
  static final MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  static final List<Event> HISTORY =
      List.of(
          // r-1: its completion first, then its start and a step 2 h before the completion.
          completed("u-13", "2026-03-02T12:00:00Z", "r-1", "dev-1"),
          started("u-11", "2026-03-02T09:00:00Z", "r-1", "dev-1"),
          step("u-12", "2026-03-02T10:00:00Z", "r-1", "dev-1", "configure-ci"),
          // r-2: two failures at the same step, then silence; its developer opens a ticket 47 h
          // after the last failure, twice (a duplicate event).
          started("u-21", "2026-03-02T09:00:00Z", "r-2", "dev-2"),
          failed("u-22", "2026-03-02T09:30:00Z", "r-2", "dev-2", "configure-ci", "quota exceeded"),
          failed("u-23", "2026-03-02T10:00:00Z", "r-2", "dev-2", "configure-ci", "quota exceeded"),
          ticket("t-1", "2026-03-04T09:00:00Z", "T-1", "dev-2", FEATURE),
          ticket("t-1", "2026-03-04T09:00:00Z", "T-1", "dev-2", FEATURE),
          // r-3: abandoned after its step, revived 40 h later, abandoned again at deploy; a ticket
          // 30 h after the first last event is 10 h before the final one: not within the window.
          started("u-31", "2026-03-02T09:00:00Z", "r-3", "dev-3"),
          step("u-32", "2026-03-02T09:10:00Z", "r-3", "dev-3", "configure-ci"),
          ticket("t-3", "2026-03-03T15:10:00Z", "T-3", "dev-3", FEATURE),
          step("u-33", "2026-03-04T01:10:00Z", "r-3", "dev-3", "deploy"));

  @Test
  void attemptsStepsAndFollowUpsEndAsComputedByHand() throws Exception {
    CollectingTables tables = PipelineRun.run(HISTORY);
    FactTable<AttemptRow> attempts = new FactTable<>(AttemptRow::id, AttemptRow::version);
    tables.rows(AttemptRow.TABLE, AttemptRow.class).forEach(attempts::write);
    FactTable<StepRow> steps = new FactTable<>(StepRow::id, StepRow::version);
    tables.rows(StepRow.TABLE, StepRow.class).forEach(steps::write);
    FactTable<FollowUpRow> followUps = new FactTable<>(FollowUpRow::id, FollowUpRow::version);
    tables.rows(FollowUpRow.TABLE, FollowUpRow.class).forEach(followUps::write);

    assertEquals(3, attempts.size());
    assertEquals(
        "completed|configure-ci|2026-03-02 12:00:00", summary(attempts.row("attempt:r-1")));
    assertEquals(
        "abandoned|configure-ci|2026-03-02 10:00:00", summary(attempts.row("attempt:r-2")));
    assertEquals("abandoned|deploy|2026-03-04 01:10:00", summary(attempts.row("attempt:r-3")));
    assertEquals(2, attempts.row("attempt:r-2").failures());

    // configure-ci of r-1: 10:00 -> 12:00 = 7,200 s; r-2's first failure 09:30 -> 10:00 = 1,800 s,
    // its second none; r-3's configure-ci 02 09:10 -> 04 01:10 = 40 h = 144,000 s.
    assertEquals(5, steps.size());
    assertEquals(7200.0, steps.row("step:r-1:u-12").dwellSeconds());
    assertEquals(1800.0, steps.row("step:r-2:u-22").dwellSeconds());
    assertEquals(null, steps.row("step:r-2:u-23").dwellSeconds());
    assertEquals(144_000.0, steps.row("step:r-3:u-32").dwellSeconds());
    assertEquals(null, steps.row("step:r-3:u-33").dwellSeconds());

    // r-2: T-1 at 04 09:00 is 47 h after 02 10:00. r-3: T-3 at 03 15:10 is before 04 01:10.
    assertEquals("0|", followUp(followUps.row("followup:r-1")));
    assertEquals("1|T-1", followUp(followUps.row("followup:r-2")));
    assertEquals("1|", followUp(followUps.row("followup:r-3")));
    assertEquals("2026-03-04 01:10:00", followUps.row("followup:r-3").lastEventAt());
  }

  private static String summary(AttemptRow row) {
    return row.status() + "|" + row.lastStep() + "|" + row.lastEventAt();
  }

  private static String followUp(FollowUpRow row) {
    return row.abandoned() + "|" + row.ticketId();
  }
}
