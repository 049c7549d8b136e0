package dev.paved.jobs.workflows;

import dev.paved.jobs.delivery.Columns;

/**
 * One row of {@code workflow_steps}: a {@link StepFact} as its columns; {@code dwell_seconds} is
 * null while no later event of the run is known.
 */
public record StepRow(
    String id,
    String runId,
    String feature,
    String team,
    String actor,
    String step,
    String at,
    int atMs,
    int failed,
    String error,
    Double dwellSeconds,
    long version) {

  public static final String TABLE = "workflow_steps";

  public static StepRow of(StepFact fact) {
    return new StepRow(
        fact.id(),
        fact.runId(),
        fact.feature(),
        Columns.text(fact.team()),
        Columns.text(fact.actor()),
        fact.step(),
        Columns.dateTime(fact.at()),
        Columns.millis(fact.at()),
        Columns.flag(fact.failed()),
        Columns.text(fact.error()),
        fact.dwellSeconds(),
        fact.version());
  }
}
