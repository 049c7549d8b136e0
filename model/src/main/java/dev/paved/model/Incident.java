package dev.paved.model;

/**
 * A production incident opened or resolved.
 *
 * @param causedByDeploy the {@code deploy_id} that caused it; null when not known
 * @param severity free label in the sender's own scale; null when not sent
 */
public record Incident(String incidentId, Action action, String causedByDeploy, String severity)
    implements EventBody {

  @Override
  public EventType type() {
    return EventType.INCIDENT;
  }

  /** What happened to the incident. */
  public enum Action implements WireValue {
    OPENED,
    RESOLVED
  }
}
