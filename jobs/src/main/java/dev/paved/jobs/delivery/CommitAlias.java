package dev.paved.jobs.delivery;

import java.time.Instant;

/**
 * A commit sha that a change (a pull request) lists in its {@code commit_ids}: what {@link
 * CommitAliases#aliases} makes of a {@code change} event, one per sha, each routed to the sha's
 * key.
 *
 * @param sha the commit, as a deploy would name it in {@code change_ids}
 * @param changeId the change that lists it
 * @param time the {@code change} event's {@code time}
 */
public record CommitAlias(String service, String sha, String changeId, Instant time) {

  /** The key of the sha, the same as a change with that id would have. */
  public String key() {
    return LeadTimeCalculator.key(service, sha);
  }
}
