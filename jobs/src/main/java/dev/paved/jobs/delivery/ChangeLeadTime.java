package dev.paved.jobs.delivery;

import java.time.Instant;

/**
 * Fact: one change that reached production, with its lead time and, for pull requests, the four
 * stages of the lead-time breakdown. One row per {@code (service, change_id)}.
 *
 * <p>The stages run from one point to the next: coding {@code authored_at → pr_opened_at}, pickup
 * {@code → pr_first_review_at}, review {@code → pr_merged_at}, deploy {@code → deployed_at}. A
 * stage is null when either of its ends is unknown. Stages are kept exact even when the sender's
 * times are out of order (a stage is then negative), so that when all four are known they add up to
 * the lead time.
 *
 * @param id {@code change:<service>:<change_id>}
 * @param team the change's team, else the deploy's; null when neither names one
 * @param actor the author; null when not sent
 * @param authoredAt the change's {@code time}: where lead time starts
 * @param deployId the first successful production deploy that shipped it
 * @param deployedAt when that deploy finished; the period the lead time belongs to
 * @param leadTimeSeconds {@code deployed_at - authored_at}
 * @param supersededBy the pull request whose {@code commit_ids} list this change (a commit) and
 *     that the same deploy shipped: that work is counted as the pull request, and this row is not
 *     counted (the API reads only rows where it is null); null for a change that counts
 * @param version see {@link FactVersion}
 */
public record ChangeLeadTime(
    String id,
    String changeId,
    String service,
    String team,
    String actor,
    Instant authoredAt,
    String deployId,
    Instant deployedAt,
    double leadTimeSeconds,
    Double codingSeconds,
    Double pickupSeconds,
    Double reviewSeconds,
    Double deploySeconds,
    String supersededBy,
    long version) {

  public static String idOf(String service, String changeId) {
    return "change:" + service + ":" + changeId;
  }

  ChangeLeadTime withVersion(long newVersion) {
    return new ChangeLeadTime(
        id,
        changeId,
        service,
        team,
        actor,
        authoredAt,
        deployId,
        deployedAt,
        leadTimeSeconds,
        codingSeconds,
        pickupSeconds,
        reviewSeconds,
        deploySeconds,
        supersededBy,
        newVersion);
  }
}
