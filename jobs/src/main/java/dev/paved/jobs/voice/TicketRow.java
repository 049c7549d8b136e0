package dev.paved.jobs.voice;

import dev.paved.jobs.delivery.Columns;

/**
 * One row of {@code tickets}: a {@link TicketFact} as its columns. {@code resolved_at} and {@code
 * resolution_seconds} are null while the ticket is open; absent text is {@code ''}.
 */
public record TicketRow(
    String id,
    String ticketId,
    String team,
    String actor,
    String feature,
    String priority,
    String kind,
    String openedAt,
    int openedMs,
    String resolvedAt,
    int resolvedMs,
    Double resolutionSeconds,
    int reopens,
    long version) {

  public static final String TABLE = "tickets";

  public static TicketRow of(TicketFact fact) {
    return new TicketRow(
        fact.id(),
        fact.ticketId(),
        Columns.text(fact.team()),
        Columns.text(fact.actor()),
        Columns.text(fact.feature()),
        Columns.text(fact.priority()),
        Columns.text(fact.kind()),
        Columns.dateTime(fact.openedAt()),
        Columns.millis(fact.openedAt()),
        Columns.dateTime(fact.resolvedAt()),
        Columns.millis(fact.resolvedAt()),
        fact.resolutionSeconds(),
        fact.reopens(),
        fact.version());
  }
}
