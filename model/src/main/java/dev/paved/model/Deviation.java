package dev.paved.model;

/**
 * A team (the event's {@code team}) walked off the golden path, or came back to it.
 *
 * @param component the part of the stack, e.g. {@code ci}, {@code database}
 * @param goldenPath the platform's default, e.g. {@code platform-ci}
 * @param actual what the team uses instead, e.g. {@code jenkins-custom}
 * @param reason free text; null when not sent
 * @param action {@link Action#STARTED} when not sent
 */
public record Deviation(
    String component, String goldenPath, String actual, String reason, Action action)
    implements EventBody {

  public Deviation {
    action = action == null ? Action.STARTED : action;
  }

  @Override
  public EventType type() {
    return EventType.DEVIATION;
  }

  /** Whether the deviation begins or is over. */
  public enum Action implements WireValue {
    STARTED,
    ENDED
  }
}
