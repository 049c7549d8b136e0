package dev.paved.model;

/**
 * A support ticket to the platform team. The event's {@code team} and {@code actor} are the
 * requesting team and requester.
 *
 * @param feature the platform area it concerns; null when not sent
 * @param priority free label in the ticket tool's own scale; null when not sent
 * @param kind null when not sent
 */
public record Ticket(String ticketId, Action action, String feature, String priority, Kind kind)
    implements EventBody {

  @Override
  public EventType type() {
    return EventType.TICKET;
  }

  /** What happened to the ticket. */
  public enum Action implements WireValue {
    OPENED,
    RESOLVED,
    REOPENED
  }

  /** What the requester wants: {@code request} is "please provision X". */
  public enum Kind implements WireValue {
    REQUEST,
    PROBLEM,
    QUESTION
  }
}
