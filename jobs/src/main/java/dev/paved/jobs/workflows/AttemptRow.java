package dev.paved.jobs.workflows;

import dev.paved.jobs.delivery.Columns;

/** One row of {@code workflow_attempts}: an {@link AttemptFact} as its columns. */
public record AttemptRow(
    String id,
    String runId,
    String feature,
    String team,
    String actor,
    String startedAt,
    int startedMs,
    String lastEventAt,
    int lastEventMs,
    String status,
    String lastStep,
    int events,
    int failures,
    long version) {

  public static final String TABLE = "workflow_attempts";

  public static AttemptRow of(AttemptFact fact) {
    return new AttemptRow(
        fact.id(),
        fact.runId(),
        fact.feature(),
        Columns.text(fact.team()),
        Columns.text(fact.actor()),
        Columns.dateTime(fact.startedAt()),
        Columns.millis(fact.startedAt()),
        Columns.dateTime(fact.lastEventAt()),
        Columns.millis(fact.lastEventAt()),
        fact.status().wireName(),
        fact.lastStep(),
        fact.events(),
        fact.failures(),
        fact.version());
  }
}
