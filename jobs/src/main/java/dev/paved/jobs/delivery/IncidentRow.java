package dev.paved.jobs.delivery;

/**
 * One row of {@code incidents}: an {@link IncidentFact} as its columns. {@code resolved_at} and
 * {@code recovery_seconds} are null while the incident is open ({@code resolved_ms} is then 0);
 * {@code service}, {@code team}, {@code caused_by_deploy} and {@code severity} are {@code ''} when
 * unknown.
 */
public record IncidentRow(
    String id,
    String incidentId,
    String service,
    String team,
    String openedAt,
    int openedMs,
    String resolvedAt,
    int resolvedMs,
    Double recoverySeconds,
    String causedByDeploy,
    String severity,
    long version) {

  public static final String TABLE = "incidents";

  public static IncidentRow of(IncidentFact fact) {
    return new IncidentRow(
        fact.id(),
        fact.incidentId(),
        Columns.text(fact.service()),
        Columns.text(fact.team()),
        Columns.dateTime(fact.openedAt()),
        Columns.millis(fact.openedAt()),
        Columns.dateTime(fact.resolvedAt()),
        Columns.millis(fact.resolvedAt()),
        fact.recoverySeconds(),
        Columns.text(fact.causedByDeploy()),
        Columns.text(fact.severity()),
        fact.version());
  }
}
