package dev.paved.jobs.delivery;

/**
 * One row of {@code deploys}: a {@link DeployFact} as its columns. {@code status} is the wire name
 * ({@code success}, {@code failure}, {@code rolled_back}); flags are 0/1; {@code team} is {@code
 * ''} when unknown.
 */
public record DeployRow(
    String id,
    String deployId,
    String service,
    String team,
    String environment,
    int production,
    String status,
    String finishedAt,
    int finishedMs,
    int failed,
    int causedIncident,
    int incidentInferred,
    long version) {

  public static final String TABLE = "deploys";

  public static DeployRow of(DeployFact fact) {
    return new DeployRow(
        fact.id(),
        fact.deployId(),
        Columns.text(fact.service()),
        Columns.text(fact.team()),
        Columns.text(fact.environment()),
        Columns.flag(fact.production()),
        fact.status().wireName(),
        Columns.dateTime(fact.finishedAt()),
        Columns.millis(fact.finishedAt()),
        Columns.flag(fact.failed()),
        Columns.flag(fact.causedIncident()),
        Columns.flag(fact.incidentInferred()),
        fact.version());
  }
}
