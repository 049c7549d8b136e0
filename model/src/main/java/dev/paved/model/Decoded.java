package dev.paved.model;

import java.util.List;

/** What {@link EventCodec#decode} made of one JSON event: an event, or every reason it is not. */
public sealed interface Decoded {

  /** The JSON is a valid event. */
  record Valid(Event event) implements Decoded {}

  /**
   * The JSON breaks the contract.
   *
   * @param id the event's {@code id} when it sent a valid one, so the sender can tell which event
   *     was rejected; null otherwise
   * @param violations every violation found, never empty
   */
  record Invalid(String id, List<Violation> violations) implements Decoded {

    public Invalid {
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("an invalid event has at least one violation");
      }
    }
  }
}
