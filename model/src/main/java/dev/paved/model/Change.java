package dev.paved.model;

import java.time.Instant;
import java.util.List;

/**
 * A code change that can ship: a commit or a merged pull request. Its event's {@code time} is when
 * it was authored, where lead time starts.
 *
 * @param changeId commit sha or pull request id
 * @param prOpenedAt null unless it is a pull request; the {@code pr_*} times feed the lead-time
 *     breakdown
 * @param commitIds the shas a pull request merged, so a deploy naming a merge or squash commit
 *     still finds the change
 */
public record Change(
    String changeId,
    Instant prOpenedAt,
    Instant prFirstReviewAt,
    Instant prMergedAt,
    List<String> commitIds)
    implements EventBody {

  public Change {
    commitIds = commitIds == null ? List.of() : List.copyOf(commitIds);
  }

  @Override
  public EventType type() {
    return EventType.CHANGE;
  }
}
