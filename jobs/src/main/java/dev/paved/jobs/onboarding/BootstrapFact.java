package dev.paved.jobs.onboarding;

import java.time.Instant;

/**
 * Fact: service bootstrap time ("idea to running service") of one service. One row per service that
 * a {@code service-template} run started.
 *
 * @param id {@code bootstrap:<service>}
 * @param actor who started the earliest run; null when not sent
 * @param runId the earliest run of the service, where the idea starts
 * @param startedAt its {@code started} time
 * @param endedAt the first successful production deploy of the service at or after {@code
 *     started_at}; without one, the earliest completion of any of its runs; null while neither: the
 *     period the value belongs to
 * @param deployId that deploy; null when none
 * @param completedWithoutDeploy ended by a run's completion because no deploy followed (yet: a
 *     later deploy re-emits the row ended by it)
 * @param bootstrapSeconds {@code ended_at - started_at}; null while not ended
 * @param version see {@link dev.paved.jobs.delivery.FactVersion}
 */
public record BootstrapFact(
    String id,
    String service,
    String team,
    String actor,
    String runId,
    Instant startedAt,
    Instant endedAt,
    String deployId,
    boolean completedWithoutDeploy,
    Double bootstrapSeconds,
    long version) {

  public static String idOf(String service) {
    return "bootstrap:" + service;
  }

  BootstrapFact withVersion(long newVersion) {
    return new BootstrapFact(
        id,
        service,
        team,
        actor,
        runId,
        startedAt,
        endedAt,
        deployId,
        completedWithoutDeploy,
        bootstrapSeconds,
        newVersion);
  }
}
