package dev.paved.jobs.onboarding;

import dev.paved.jobs.delivery.Columns;

/**
 * One row of {@code service_bootstraps}: a {@link BootstrapFact} as its columns. {@code ended_at}
 * and {@code bootstrap_seconds} are null while not ended; {@code deploy_id} is {@code ''} when no
 * deploy ended it.
 */
public record BootstrapRow(
    String id,
    String service,
    String team,
    String actor,
    String runId,
    String startedAt,
    int startedMs,
    String endedAt,
    int endedMs,
    String deployId,
    int completedWithoutDeploy,
    Double bootstrapSeconds,
    long version) {

  public static final String TABLE = "service_bootstraps";

  public static BootstrapRow of(BootstrapFact fact) {
    return new BootstrapRow(
        fact.id(),
        fact.service(),
        Columns.text(fact.team()),
        Columns.text(fact.actor()),
        fact.runId(),
        Columns.dateTime(fact.startedAt()),
        Columns.millis(fact.startedAt()),
        Columns.dateTime(fact.endedAt()),
        Columns.millis(fact.endedAt()),
        Columns.text(fact.deployId()),
        Columns.flag(fact.completedWithoutDeploy()),
        fact.bootstrapSeconds(),
        fact.version());
  }
}
