package dev.paved.jobs.workflows;

import java.time.Instant;

/**
 * Fact: one {@code step} or {@code failed} event of a workflow run and the time spent there.
 *
 * @param id {@code step:<run_id>:<event id>}
 * @param at the event's time: the period the dwell and failure count in
 * @param failed the event is a {@code failed} one
 * @param error its {@code error}; null when not sent
 * @param dwellSeconds time to the run's next event; null while no later event is known (the step an
 *     abandoned attempt ended at has none)
 * @param version see {@link dev.paved.jobs.delivery.FactVersion}
 */
public record StepFact(
    String id,
    String runId,
    String feature,
    String team,
    String actor,
    String step,
    Instant at,
    boolean failed,
    String error,
    Double dwellSeconds,
    long version) {

  public static String idOf(String runId, String eventId) {
    return "step:" + runId + ":" + eventId;
  }

  StepFact withVersion(long newVersion) {
    return new StepFact(
        id, runId, feature, team, actor, step, at, failed, error, dwellSeconds, newVersion);
  }
}
