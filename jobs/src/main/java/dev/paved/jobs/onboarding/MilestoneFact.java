package dev.paved.jobs.onboarding;

import dev.paved.jobs.delivery.Seconds;
import dev.paved.metrics.KaplanMeier;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Fact: one developer's progress to one milestone since joining. One row per developer and
 * milestone, written when the join is known and again whenever the row changes.
 *
 * <p>Rows do not store a censoring time, which moves with the pipeline's clock: {@link
 * #observation} computes it from the clock the reader passes in (the API's {@code as_of} event
 * time), so backfill and streaming give the same rows.
 *
 * @param id {@code milestone:<actor>:<milestone>}
 * @param team the team joined
 * @param joinedAt the earliest {@code joined} event's time
 * @param cohortMonth the first day of the month of {@code joined_at}, in UTC
 * @param reachedAt when the milestone was reached; null while not (yet)
 * @param leftAt the earliest {@code left} at or after the join; null while still here
 * @param version see {@link dev.paved.jobs.delivery.FactVersion}
 */
public record MilestoneFact(
    String id,
    String actor,
    Milestone milestone,
    String team,
    Instant joinedAt,
    LocalDate cohortMonth,
    Instant reachedAt,
    Instant leftAt,
    long version) {

  public static String idOf(String actor, Milestone milestone) {
    return "milestone:" + actor + ":" + milestone.wireName();
  }

  /**
   * The row as a Kaplan–Meier observation at event-time {@code clock}: the time to the milestone
   * when reached, else censored at the leaving or at {@code clock}, whichever is first.
   */
  public KaplanMeier.Observation observation(Instant clock) {
    if (reachedAt != null) {
      return new KaplanMeier.Observation(Seconds.between(joinedAt, reachedAt), true);
    }
    Instant censoredAt = leftAt != null && leftAt.isBefore(clock) ? leftAt : clock;
    return new KaplanMeier.Observation(Math.max(0, Seconds.between(joinedAt, censoredAt)), false);
  }

  MilestoneFact withVersion(long newVersion) {
    return new MilestoneFact(
        id, actor, milestone, team, joinedAt, cohortMonth, reachedAt, leftAt, newVersion);
  }
}
