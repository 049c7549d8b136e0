package dev.paved.jobs.runtime.testing;

import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.model.Change;
import dev.paved.model.Deploy;
import dev.paved.model.Event;
import dev.paved.model.EventType;
import dev.paved.model.Usage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small valid events for tests. */
public final class TestEvents {
  public static final String SENDER = "test-sender";

  private TestEvents() {}

  public static Event change(String id, String time, String team) {
    return new Event(
        id,
        EventType.CHANGE,
        Instant.parse(time),
        team,
        "dev-1",
        "payments",
        "github",
        attributes("repo", "payments-api", "lines", 120L),
        new Change("c-" + id, null, null, null, List.of()));
  }

  public static Event deploy(String id, String time, String team) {
    return new Event(
        id,
        EventType.DEPLOY,
        Instant.parse(time),
        team,
        null,
        "payments",
        null,
        Map.of(),
        new Deploy("d-" + id, null, Deploy.Status.SUCCESS, null, List.of("c-1"), List.of()));
  }

  public static Event usage(String id, String time, String team, Usage.Action action, String step) {
    return new Event(
        id,
        EventType.USAGE,
        Instant.parse(time),
        team,
        "dev-2",
        null,
        null,
        Map.of(),
        new Usage("service-template", action, "run-1", step, null));
  }

  /** Attributes in the order given (the order they keep in JSON and in the raw table). */
  public static Map<String, Object> attributes(Object... keysAndValues) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      attributes.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return attributes;
  }

  /** As the log holds it: received a second after its time, from {@link #SENDER}. */
  public static LoggedEvent logged(Event event) {
    return LoggedEvent.of(event, SENDER, event.time().plusSeconds(1));
  }
}
