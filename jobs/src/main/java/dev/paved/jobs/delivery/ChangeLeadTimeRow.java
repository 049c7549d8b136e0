package dev.paved.jobs.delivery;

/**
 * One row of {@code change_lead_times}: a {@link ChangeLeadTime} as its columns (snake_case of the
 * components). {@code team} and {@code actor} are {@code ''} when unknown; the stage durations are
 * null when unknown; {@code superseded_by} is {@code ''} for a change that counts.
 */
public record ChangeLeadTimeRow(
    String id,
    String changeId,
    String service,
    String team,
    String actor,
    String authoredAt,
    int authoredMs,
    String deployId,
    String deployedAt,
    int deployedMs,
    double leadTimeSeconds,
    Double codingSeconds,
    Double pickupSeconds,
    Double reviewSeconds,
    Double deploySeconds,
    String supersededBy,
    long version) {

  public static final String TABLE = "change_lead_times";

  public static ChangeLeadTimeRow of(ChangeLeadTime fact) {
    return new ChangeLeadTimeRow(
        fact.id(),
        fact.changeId(),
        fact.service(),
        Columns.text(fact.team()),
        Columns.text(fact.actor()),
        Columns.dateTime(fact.authoredAt()),
        Columns.millis(fact.authoredAt()),
        fact.deployId(),
        Columns.dateTime(fact.deployedAt()),
        Columns.millis(fact.deployedAt()),
        fact.leadTimeSeconds(),
        fact.codingSeconds(),
        fact.pickupSeconds(),
        fact.reviewSeconds(),
        fact.deploySeconds(),
        Columns.text(fact.supersededBy()),
        fact.version());
  }
}
