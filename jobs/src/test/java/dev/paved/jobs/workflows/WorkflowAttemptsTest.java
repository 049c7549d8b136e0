package dev.paved.jobs.workflows;

import static dev.paved.jobs.workflows.WorkflowEvents.at;
import static dev.paved.jobs.workflows.WorkflowEvents.completed;
import static dev.paved.jobs.workflows.WorkflowEvents.failed;
import static dev.paved.jobs.workflows.WorkflowEvents.started;
import static dev.paved.jobs.workflows.WorkflowEvents.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.model.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The attempt logic without Flink; the timer is called by hand where the operator would fire it.
 */
class WorkflowAttemptsTest {

  private final WorkflowAttempts attempts = new WorkflowAttempts(WorkflowSettings.DEFAULTS);
  private final AttemptState state = new AttemptState();
  private final List<StepFact> steps = new ArrayList<>();

  private AttemptFact send(Event... events) {
    AttemptFact last = null;
    for (Event event : events) {
      RunUpdate update = attempts.onUsage(state, event);
      steps.addAll(update.steps());
      last = update.attempt() == null ? last : update.attempt();
    }
    return last;
  }

  private StepFact stepFact(String eventId) {
    String id = StepFact.idOf("r-1", eventId);
    StepFact last = null;
    for (StepFact fact : steps) {
      if (fact.id().equals(id)) {
        last = fact;
      }
    }
    return last;
  }

  @Test
  void aCompletedRunWithItsStepsDwellTimes() {
    AttemptFact fact =
        send(
            started("u-1", "2026-03-02T09:00:00Z", "r-1", "dev-1"),
            step("u-2", "2026-03-02T09:05:00Z", "r-1", "dev-1", "choose-template"),
            step("u-3", "2026-03-02T09:35:00Z", "r-1", "dev-1", "configure-ci"),
            completed("u-4", "2026-03-02T10:35:00Z", "r-1", "dev-1"));
    assertEquals("attempt:r-1", fact.id());
    assertEquals(AttemptStatus.COMPLETED, fact.status());
    assertEquals(at("2026-03-02T09:00:00Z"), fact.startedAt());
    assertEquals(at("2026-03-02T10:35:00Z"), fact.lastEventAt());
    assertEquals("configure-ci", fact.lastStep());
    assertEquals(4, fact.events());
    assertEquals("search", fact.team());
    // choose-template: 09:05 -> 09:35 = 1,800 s; configure-ci: 09:35 -> 10:35 = 3,600 s.
    assertEquals(1800.0, stepFact("u-2").dwellSeconds());
    assertEquals(3600.0, stepFact("u-3").dwellSeconds());
    assertFalse(attempts.awaitsAbandonment(state));
    // Completed: the timer is the state's expiry, 30 days after the last event.
    assertEquals(at("2026-04-01T10:35:00Z"), attempts.expiry(state));
  }

  @Test
  void abandonedTwentyFourHoursAfterTheLastEventAtTheStepItStoppedAt() {
    send(
        started("u-1", "2026-03-02T09:00:00Z", "r-1", "dev-1"),
        failed("u-2", "2026-03-02T09:10:00Z", "r-1", "dev-1", "configure-ci", "quota exceeded"));
    assertEquals(at("2026-03-03T09:10:00Z"), attempts.expiry(state));
    assertTrue(attempts.onInactivity(state, at("2026-03-03T09:09:59Z")).isEmpty());

    AttemptFact abandoned = attempts.onInactivity(state, at("2026-03-03T09:10:00Z")).attempt();

    assertEquals(AttemptStatus.ABANDONED, abandoned.status());
    assertEquals("configure-ci", abandoned.lastStep());
    assertEquals(1, abandoned.failures());
    StepFact failure = stepFact("u-2");
    assertTrue(failure.failed());
    assertEquals("quota exceeded", failure.error());
    assertNull(failure.dwellSeconds(), "no next event: the time at the last step is unknown");
    assertEquals(at("2026-04-01T09:10:00Z"), attempts.expiry(state), "kept 30 days for revival");
  }

  @Test
  void aLaterEventRevivesAnAbandonedAttemptAndReplacesItsRow() {
    send(
        started("u-1", "2026-03-02T09:00:00Z", "r-1", "dev-1"),
        step("u-2", "2026-03-02T09:10:00Z", "r-1", "dev-1", "configure-ci"));
    AttemptFact abandoned = attempts.onInactivity(state, at("2026-03-03T09:10:00Z")).attempt();

    // 30 hours after the step: later than the last event, so the abandonment is retracted.
    AttemptFact revived = send(step("u-3", "2026-03-03T15:10:00Z", "r-1", "dev-1", "deploy"));

    assertEquals(AttemptStatus.OPEN, revived.status());
    assertEquals(abandoned.id(), revived.id());
    assertTrue(revived.version() > abandoned.version());
    assertEquals("deploy", revived.lastStep());
    assertEquals(30 * 3600.0, stepFact("u-2").dwellSeconds());
    assertEquals(at("2026-03-04T15:10:00Z"), attempts.expiry(state), "a new deadline");

    AttemptFact done = send(completed("u-4", "2026-03-03T16:00:00Z", "r-1", "dev-1"));
    assertEquals(AttemptStatus.COMPLETED, done.status());
  }

  @Test
  void completedAMinuteBeforeTheTimeoutIsCompletedEvenWhenItsEventArrivesAfterTheTimer() {
    send(
        started("u-1", "2026-03-02T09:00:00Z", "r-1", "dev-1"),
        step("u-2", "2026-03-02T10:00:00Z", "r-1", "dev-1", "configure-ci"));
    attempts.onInactivity(state, at("2026-03-03T10:00:00Z"));

    AttemptFact fact = send(completed("u-3", "2026-03-03T09:59:00Z", "r-1", "dev-1"));

    assertEquals(AttemptStatus.COMPLETED, fact.status());
    assertEquals(at("2026-03-03T09:59:00Z"), fact.lastEventAt());
  }

  @Test
  void aLateEventEarlierThanTheLastOneDoesNotReviveButFixesTheDwellTimes() {
    send(
        started("u-1", "2026-03-02T09:00:00Z", "r-1", "dev-1"),
        step("u-3", "2026-03-02T11:00:00Z", "r-1", "dev-1", "deploy"));
    attempts.onInactivity(state, at("2026-03-03T11:00:00Z"));

    RunUpdate update =
        attempts.onUsage(state, step("u-2", "2026-03-02T10:00:00Z", "r-1", "dev-1", "build"));

    assertEquals(AttemptStatus.ABANDONED, update.attempt().status());
    assertEquals("deploy", update.attempt().lastStep());
    assertEquals(3, update.attempt().events());
    // build: 10:00 -> 11:00 = 3,600 s, a new step row; deploy is unchanged and not re-emitted.
    assertEquals(1, update.steps().size());
    assertEquals(3600.0, update.steps().get(0).dwellSeconds());
  }

  @Test
  void aDuplicateEventChangesNothing() {
    Event start = started("u-1", "2026-03-02T09:00:00Z", "r-1", "dev-1");
    send(start);
    assertTrue(attempts.onUsage(state, start).isEmpty());
  }

  @Test
  void anAttemptWithoutStepsEndsAtStartedAndTakesItsTeamFromTheStartedEvent() {
    AttemptFact fact =
        send(
            step("u-2", "2026-03-02T09:05:00Z", "r-1", "dev-2", "choose-template"),
            started("u-1", "2026-03-02T09:00:00Z", "r-1", "dev-1"));
    assertEquals("dev-1", fact.actor());
    assertEquals(at("2026-03-02T09:00:00Z"), fact.startedAt());

    AttemptState other = new AttemptState();
    AttemptFact bare =
        attempts.onUsage(other, started("v-1", "2026-03-02T09:00:00Z", "r-2", "dev-1")).attempt();
    assertEquals(WorkflowAttempts.NO_STEP, bare.lastStep());
  }
}
