package dev.paved.jobs.delivery;

import java.time.Instant;

/**
 * One change shipped by one successful production deploy: what {@link LeadTimeCalculator#shipments}
 * makes of a deploy event, one per change it names, each routed through {@link CommitAliases} to
 * its change's key.
 *
 * @param eventId the deploy event's id, the deduplication key
 * @param team the deploy's team; null when not sent
 * @param finishedAt the deploy event's {@code time}
 * @param inlineTime the change's {@code time} when the deploy described it inline; else null
 * @param inlineActor the author an inline description named; else null
 * @param claimedBy the change (a pull request) whose {@code commit_ids} list this {@code changeId}:
 *     the deploy named a commit of that pull request, which ships the pull request and leaves this
 *     commit's own change superseded (see {@link CommitAliases}); null when no change lists it
 */
public record Shipment(
    String service,
    String changeId,
    String deployId,
    String eventId,
    String team,
    Instant finishedAt,
    Instant inlineTime,
    String inlineActor,
    String claimedBy) {

  /** The key of the change it shipped, as {@link LeadTimeCalculator#key(String, String)}. */
  public String key() {
    return LeadTimeCalculator.key(service, changeId);
  }

  /** This shipment of the commit, claimed by the pull request {@code changeId}. */
  Shipment claimedBy(String pullRequest) {
    return new Shipment(
        service,
        changeId,
        deployId,
        eventId,
        team,
        finishedAt,
        inlineTime,
        inlineActor,
        pullRequest);
  }

  /**
   * The same deploy shipping the pull request {@code pullRequest} instead: the inline description
   * was of the commit, so it is not carried over (the pull request has its own {@code change}
   * event, which is how its alias became known).
   */
  Shipment shipping(String pullRequest) {
    return new Shipment(
        service, pullRequest, deployId, eventId, team, finishedAt, null, null, null);
  }

  /** This shipment without its claim, as the lead-time state keeps it. */
  Shipment unclaimed() {
    return claimedBy == null ? this : claimedBy(null);
  }
}
