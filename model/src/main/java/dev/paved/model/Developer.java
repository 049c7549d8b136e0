package dev.paved.model;

/**
 * A developer (the event's {@code actor}) joined, moved to or left a team (the event's {@code
 * team}).
 */
public record Developer(Action action) implements EventBody {

  @Override
  public EventType type() {
    return EventType.DEVELOPER;
  }

  /** What the developer did. */
  public enum Action implements WireValue {
    JOINED,
    MOVED,
    LEFT
  }
}
