package dev.paved.jobs.workflows;

import dev.paved.jobs.delivery.FactVersion;
import dev.paved.jobs.delivery.Seconds;
import dev.paved.model.Event;
import dev.paved.model.Usage;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Workflow attempts and where they stop (metrics.md, section 3), keyed by {@code run_id}.
 *
 * <p>An attempt is <b>completed</b> once any {@code completed} event of its run is known. Otherwise
 * it is <b>abandoned</b> when the event-time timer set at {@code last event + inactivity} fires
 * ({@link #onInactivity}), else <b>open</b>. An event later than the last one revives an abandoned
 * attempt: its row is re-emitted as open (or completed) with a higher version, and a new timer is
 * set; an event that is late but earlier than the last one changes the dwell times, not the status.
 * So a run completed one minute before the timeout is completed, even when its {@code completed}
 * event arrives after the timer fired.
 *
 * <p>Besides the attempt, every {@code step} and {@code failed} event becomes a {@link StepFact}
 * whose dwell is the time to the run's next event (in event time, whatever the arrival order).
 *
 * <p>The key's one timer is the abandonment deadline while the attempt is neither completed nor
 * abandoned, else the state's expiry, {@code retention} after the latest event.
 */
public final class WorkflowAttempts implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The {@code last_step} of an attempt none of whose events names a step. */
  public static final String NO_STEP = "started";

  private static final Comparator<RunEvent> IN_TIME =
      Comparator.comparing(RunEvent::time).thenComparing(RunEvent::eventId);

  private final WorkflowSettings settings;

  public WorkflowAttempts(WorkflowSettings settings) {
    this.settings = Objects.requireNonNull(settings);
  }

  /** Whether the event belongs to a workflow run (a {@code usage} event with a {@code run_id}). */
  public static boolean isRunEvent(Event event) {
    return event.body() instanceof Usage usage
        && usage.action().needsRun()
        && usage.runId() != null
        && usage.feature() != null;
  }

  public static String key(Event usage) {
    return ((Usage) usage.body()).runId();
  }

  /** Absorbs an event of the key's run; duplicates (by event id) change nothing. */
  public RunUpdate onUsage(AttemptState state, Event usage) {
    Usage body = (Usage) usage.body();
    if (state.events.stream().anyMatch(known -> known.eventId().equals(usage.id()))) {
      return RunUpdate.NONE;
    }
    AttemptFact attemptBefore = attempt(state);
    List<StepFact> stepsBefore = steps(state);
    if (state.clock != null && usage.time().isAfter(state.clock)) {
      state.abandoned = false; // revived: the abandonment is retracted
    }
    state.runId = body.runId();
    state.feature = state.feature == null ? body.feature() : state.feature;
    state.events.add(
        new RunEvent(
            usage.id(),
            body.action(),
            usage.time(),
            body.step(),
            body.error(),
            usage.actor(),
            usage.team()));
    state.clock =
        state.clock == null || usage.time().isAfter(state.clock) ? usage.time() : state.clock;
    return changes(state, attemptBefore, stepsBefore);
  }

  /**
   * The timer at {@link #expiry} fired at {@code time}: when it was the abandonment deadline, the
   * attempt is abandoned and its row returned; otherwise nothing (the state has expired).
   */
  public RunUpdate onInactivity(AttemptState state, Instant time) {
    if (!awaitsAbandonment(state) || time.isBefore(deadline(state))) {
      return RunUpdate.NONE;
    }
    AttemptFact before = attempt(state);
    List<StepFact> steps = steps(state);
    state.abandoned = true;
    return changes(state, before, steps);
  }

  /** The key's next timer: the abandonment deadline, or when its state may be dropped. */
  public Instant expiry(AttemptState state) {
    return awaitsAbandonment(state) ? deadline(state) : state.clock.plus(settings.retention());
  }

  /** Whether the next timer is the abandonment deadline (not the state's expiry). */
  public boolean awaitsAbandonment(AttemptState state) {
    return !state.abandoned && !completed(state);
  }

  private Instant deadline(AttemptState state) {
    return state.clock.plus(settings.inactivity());
  }

  private RunUpdate changes(
      AttemptState state, AttemptFact attemptBefore, List<StepFact> stepsBefore) {
    AttemptFact attemptAfter = attempt(state);
    Set<StepFact> unchanged = new HashSet<>(stepsBefore);
    List<StepFact> changedSteps =
        steps(state).stream().filter(step -> !unchanged.contains(step)).toList();
    boolean attemptChanged = !attemptAfter.equals(attemptBefore);
    if (!attemptChanged && changedSteps.isEmpty()) {
      return RunUpdate.NONE;
    }
    state.version = FactVersion.next(state.version, FactVersion.of(state.clock, 0));
    long version = state.version;
    return new RunUpdate(
        attemptChanged ? attemptAfter.withVersion(version) : null,
        changedSteps.stream().map(step -> step.withVersion(version)).toList());
  }

  private static boolean completed(AttemptState state) {
    return state.events.stream().anyMatch(event -> event.action() == Usage.Action.COMPLETED);
  }

  /** The attempt the state amounts to, with version 0; null before the first event. */
  private static AttemptFact attempt(AttemptState state) {
    if (state.events.isEmpty()) {
      return null;
    }
    List<RunEvent> events = inTime(state);
    RunEvent origin =
        events.stream()
            .filter(event -> event.action() == Usage.Action.STARTED)
            .findFirst()
            .orElse(events.get(0));
    RunEvent lastWithStep = null;
    for (RunEvent event : events) {
      if (event.step() != null) {
        lastWithStep = event;
      }
    }
    AttemptStatus status =
        completed(state)
            ? AttemptStatus.COMPLETED
            : state.abandoned ? AttemptStatus.ABANDONED : AttemptStatus.OPEN;
    return new AttemptFact(
        AttemptFact.idOf(state.runId),
        state.runId,
        state.feature,
        origin.team(),
        origin.actor(),
        events.get(0).time(),
        events.get(events.size() - 1).time(),
        status,
        lastWithStep == null ? NO_STEP : lastWithStep.step(),
        events.size(),
        (int) events.stream().filter(event -> event.action() == Usage.Action.FAILED).count(),
        0);
  }

  /** The step facts the state amounts to, with version 0. */
  private static List<StepFact> steps(AttemptState state) {
    List<RunEvent> events = inTime(state);
    List<StepFact> steps = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      RunEvent event = events.get(i);
      if (event.step() == null) {
        continue;
      }
      Instant next = i + 1 < events.size() ? events.get(i + 1).time() : null;
      steps.add(
          new StepFact(
              StepFact.idOf(state.runId, event.eventId()),
              state.runId,
              state.feature,
              event.team(),
              event.actor(),
              event.step(),
              event.time(),
              event.action() == Usage.Action.FAILED,
              event.error(),
              Seconds.betweenOrNull(event.time(), next),
              0));
    }
    return steps;
  }

  private static List<RunEvent> inTime(AttemptState state) {
    return state.events.stream().sorted(IN_TIME).toList();
  }
}
