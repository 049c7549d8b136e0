package dev.paved.jobs.voice;

import java.time.Instant;

/**
 * One support ticket as its events tell it so far (metrics.md §5).
 *
 * @param openedAt the earliest {@code opened}; the earliest event when no {@code opened} arrived
 * @param resolvedAt the latest {@code resolved} when no {@code reopened} follows it; null while
 *     open
 * @param reopens how many times it was reopened
 * @param team the requesting team, actor, feature, priority, kind: from the earliest event that
 *     names each; null when none does
 */
public record TicketFact(
    String id,
    String ticketId,
    String team,
    String actor,
    String feature,
    String priority,
    String kind,
    Instant openedAt,
    Instant resolvedAt,
    int reopens,
    long version) {

  /** Seconds from opening to the final resolution; null while open. */
  public Double resolutionSeconds() {
    return resolvedAt == null
        ? null
        : (resolvedAt.toEpochMilli() - openedAt.toEpochMilli()) / 1000.0;
  }
}
