package dev.paved.jobs.onboarding;

import dev.paved.jobs.delivery.Columns;

/**
 * One row of {@code onboarding_milestones}: a {@link MilestoneFact} as its columns. {@code
 * milestone} is the wire name ({@code first_change}, {@code first_deploy}, {@code tenth_change});
 * {@code cohort_month} a Date ({@code YYYY-MM-DD}); {@code reached_at} and {@code left_at} are null
 * while not reached / still here (their {@code _ms} then 0).
 */
public record MilestoneRow(
    String id,
    String actor,
    String milestone,
    String team,
    String joinedAt,
    int joinedMs,
    String cohortMonth,
    String reachedAt,
    int reachedMs,
    String leftAt,
    int leftMs,
    long version) {

  public static final String TABLE = "onboarding_milestones";

  public static MilestoneRow of(MilestoneFact fact) {
    return new MilestoneRow(
        fact.id(),
        fact.actor(),
        fact.milestone().wireName(),
        Columns.text(fact.team()),
        Columns.dateTime(fact.joinedAt()),
        Columns.millis(fact.joinedAt()),
        fact.cohortMonth().toString(),
        Columns.dateTime(fact.reachedAt()),
        Columns.millis(fact.reachedAt()),
        Columns.dateTime(fact.leftAt()),
        Columns.millis(fact.leftAt()),
        fact.version());
  }
}
