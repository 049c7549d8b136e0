package dev.paved.jobs.workflows;

import java.time.Instant;

/**
 * Fact: whether the developer who abandoned an attempt opened a ticket on the same feature within
 * the ticket window of the attempt's last event. One row per attempt with an actor, written for
 * every state of the attempt (so the table ends the same whether or not an abandonment was seen and
 * then revived on the way): only an abandoned attempt has a ticket.
 *
 * @param id {@code followup:<run_id>}
 * @param lastEventAt the attempt's last event, the anchor of the window; the API pairs the row with
 *     the attempt only while the attempt's {@code last_event_at} equals it
 * @param abandoned the attempt was abandoned when the row was written
 * @param ticketId the earliest ticket opened in {@code [lastEventAt, lastEventAt + window]} when
 *     abandoned; null otherwise
 * @param version see {@link dev.paved.jobs.delivery.FactVersion}
 */
public record FollowUpFact(
    String id,
    String runId,
    String feature,
    String actor,
    Instant lastEventAt,
    boolean abandoned,
    String ticketId,
    Instant ticketOpenedAt,
    long version) {

  public static String idOf(String runId) {
    return "followup:" + runId;
  }

  FollowUpFact withVersion(long newVersion) {
    return new FollowUpFact(
        id, runId, feature, actor, lastEventAt, abandoned, ticketId, ticketOpenedAt, newVersion);
  }
}
