package dev.paved.ingest.http;

import dev.paved.model.Event;
import java.util.List;
import java.util.function.Function;

/**
 * A tool's webhook: checks the request's signature and turns its raw body into contract events,
 * which then take the path of {@code POST /v1/events} (validation, dedupe, durable log).
 */
public interface WebhookReceiver {

  /** The tool, e.g. {@code github}: the path segment and the stored events' source. */
  String tool();

  /**
   * Verifies and translates one delivery.
   *
   * @param headers the request's headers by name (any case); null when absent
   * @throws Refused when the signature is missing or wrong ({@code 401}) or the payload cannot be
   *     read ({@code 400}); nothing of the delivery is stored then
   */
  Received receive(Function<String, String> headers, byte[] body) throws Refused;

  /** The events a delivery makes, and notes for the answer (what was ignored or lost, and why). */
  record Received(List<Event> events, List<String> notes) {
    public Received {
      events = List.copyOf(events);
      notes = List.copyOf(notes);
    }
  }

  /** A delivery refused as a whole, answered with this status and problem title. */
  final class Refused extends Exception {
    private final int status;
    private final String title;

    public Refused(int status, String title, String detail) {
      super(detail, null, false, false);
      this.status = status;
      this.title = title;
    }

    public int status() {
      return status;
    }

    public String title() {
      return title;
    }
  }
}
