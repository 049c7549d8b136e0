package dev.paved.jobs.workflows;

import static dev.paved.jobs.workflows.WorkflowEvents.at;
import static dev.paved.jobs.workflows.WorkflowEvents.completed;
import static dev.paved.jobs.workflows.WorkflowEvents.failed;
import static dev.paved.jobs.workflows.WorkflowEvents.started;
import static dev.paved.jobs.workflows.WorkflowEvents.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.testing.TestEvents;
import dev.paved.model.Event;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attempt operator driven by hand: the abandonment timer, revival, a late completion, the
 * state's expiry, a snapshot and a restore.
 */
@Timeout(30)
class WorkflowAttemptFunctionTest {

  /** Entries per key: the AttemptState and its expires-at. */
  private static final int ENTRIES_PER_KEY = 2;

  private KeyedOneInputStreamOperatorTestHarness<String, LoggedEvent, AttemptFact> harness;

  @BeforeEach
  void open() throws Exception {
    harness = harness();
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void theTimerAbandonsTheAttemptTwentyFourHoursAfterItsLastEvent() throws Exception {
    send(
        started("u-1", "2026-03-02T09:00:00Z", "r-1", "dev-1"),
        failed("u-2", "2026-03-02T09:10:00Z", "r-1", "dev-1", "configure-ci", "quota"));
    assertEquals(1, harness.numEventTimeTimers());
    watermark("2026-03-03T09:09:59.999Z");
    assertEquals(AttemptStatus.OPEN, last().status());

    watermark("2026-03-03T09:10:00Z");

    assertEquals(AttemptStatus.ABANDONED, last().status());
    assertEquals("configure-ci", last().lastStep());
    assertEquals(1, harness.numEventTimeTimers(), "now the expiry, 30 days after 09:10");
    List<StepFact> steps = stepFacts();
    assertEquals("quota", steps.get(steps.size() - 1).error());

    watermark("2026-04-01T09:09:59.999Z");
    assertEquals(ENTRIES_PER_KEY, harness.numKeyedStateEntries());
    watermark("2026-04-01T09:10:00Z");
    assertEquals(0, harness.numKeyedStateEntries());
    assertEquals(0, harness.numEventTimeTimers());
  }

  @Test
  void aLaterEventRevivesTheAttemptAndSetsANewDeadline() throws Exception {
    send(step("u-1", "2026-03-02T09:00:00Z", "r-1", "dev-1", "configure-ci"));
    watermark("2026-03-03T12:00:00Z");
    AttemptFact abandoned = last();
    assertEquals(AttemptStatus.ABANDONED, abandoned.status());

    send(step("u-2", "2026-03-03T13:00:00Z", "r-1", "dev-1", "deploy"));

    AttemptFact revived = last();
    assertEquals(AttemptStatus.OPEN, revived.status());
    assertTrue(revived.version() > abandoned.version());
    assertEquals(1, harness.numEventTimeTimers());
    watermark("2026-03-04T13:00:00Z");
    assertEquals(AttemptStatus.ABANDONED, last().status());
    assertEquals("deploy", last().lastStep());
  }

  @Test
  void aLateCompletionFromBeforeTheTimeoutCompletesTheAttempt() throws Exception {
    send(step("u-1", "2026-03-02T09:00:00Z", "r-1", "dev-1", "configure-ci"));
    watermark("2026-03-03T10:00:00Z");
    assertEquals(AttemptStatus.ABANDONED, last().status());

    // Behind the watermark by an hour and a minute; one minute before the timeout.
    send(completed("u-2", "2026-03-03T08:59:00Z", "r-1", "dev-1"));

    assertEquals(AttemptStatus.COMPLETED, last().status());
    // 09:00 -> next day 08:59 = 23 h 59 min = 86,340 s at configure-ci.
    List<StepFact> steps = stepFacts();
    assertEquals(86_340.0, steps.get(steps.size() - 1).dwellSeconds());
    watermark(Long.MAX_VALUE);
    assertEquals(0, harness.numKeyedStateEntries());
    assertEquals(0, harness.numEventTimeTimers());
  }

  @Test
  void anOpenAttemptSurvivesASnapshotAndRestoreWithItsDeadline() throws Exception {
    send(started("u-1", "2026-03-02T09:00:00Z", "r-1", "dev-1"));
    OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    harness.close();

    harness = harness();
    harness.initializeState(snapshot);
    harness.open();
    assertEquals(1, harness.numEventTimeTimers(), "the deadline is restored with the state");
    watermark("2026-03-03T09:00:00Z");

    AttemptFact abandoned = last();
    assertEquals(AttemptStatus.ABANDONED, abandoned.status());
    assertEquals(WorkflowAttempts.NO_STEP, abandoned.lastStep());
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, LoggedEvent, AttemptFact> harness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new WorkflowAttemptFunction(WorkflowSettings.DEFAULTS)),
        logged -> WorkflowAttempts.key(logged.event()),
        Types.STRING);
  }

  private void send(Event... events) throws Exception {
    for (Event event : events) {
      harness.processElement(TestEvents.logged(event), event.time().toEpochMilli());
    }
  }

  private void watermark(String time) throws Exception {
    watermark(at(time).toEpochMilli());
  }

  private void watermark(long millis) throws Exception {
    harness.processWatermark(new Watermark(millis));
  }

  private AttemptFact last() {
    List<AttemptFact> facts = harness.extractOutputValues();
    return facts.get(facts.size() - 1);
  }

  private List<StepFact> stepFacts() {
    return harness.getSideOutput(WorkflowAttemptFunction.STEPS).stream()
        .map(StreamRecord::getValue)
        .toList();
  }
}
