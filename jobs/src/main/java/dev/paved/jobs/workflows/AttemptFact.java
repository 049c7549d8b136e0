package dev.paved.jobs.workflows;

import java.time.Instant;

/**
 * Fact: one workflow attempt (all {@code usage} events of one {@code run_id}) as it stands.
 *
 * @param id {@code attempt:<run_id>}
 * @param team the team of its {@code started} event, else of its earliest event; null when none
 * @param actor likewise
 * @param startedAt its earliest event's time: the period the attempt is counted in
 * @param lastEventAt its latest event's time; abandonment is decided {@code inactivity} after it
 * @param lastStep the step of its latest event that names one; {@code started} when none does
 * @param version see {@link dev.paved.jobs.delivery.FactVersion}
 */
public record AttemptFact(
    String id,
    String runId,
    String feature,
    String team,
    String actor,
    Instant startedAt,
    Instant lastEventAt,
    AttemptStatus status,
    String lastStep,
    int events,
    int failures,
    long version) {

  public static String idOf(String runId) {
    return "attempt:" + runId;
  }

  AttemptFact withVersion(long newVersion) {
    return new AttemptFact(
        id,
        runId,
        feature,
        team,
        actor,
        startedAt,
        lastEventAt,
        status,
        lastStep,
        events,
        failures,
        newVersion);
  }
}
