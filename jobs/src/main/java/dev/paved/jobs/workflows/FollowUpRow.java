package dev.paved.jobs.workflows;

import dev.paved.jobs.delivery.Columns;

/**
 * One row of {@code workflow_ticket_followups}: a {@link FollowUpFact} as its columns; {@code
 * ticket_id} is {@code ''} and {@code ticket_opened_at} null when no ticket followed an
 * abandonment.
 */
public record FollowUpRow(
    String id,
    String runId,
    String feature,
    String actor,
    String lastEventAt,
    int lastEventMs,
    int abandoned,
    String ticketId,
    String ticketOpenedAt,
    int ticketOpenedMs,
    long version) {

  public static final String TABLE = "workflow_ticket_followups";

  public static FollowUpRow of(FollowUpFact fact) {
    return new FollowUpRow(
        fact.id(),
        fact.runId(),
        fact.feature(),
        fact.actor(),
        Columns.dateTime(fact.lastEventAt()),
        Columns.millis(fact.lastEventAt()),
        Columns.flag(fact.abandoned()),
        Columns.text(fact.ticketId()),
        Columns.dateTime(fact.ticketOpenedAt()),
        Columns.millis(fact.ticketOpenedAt()),
        fact.version());
  }
}
