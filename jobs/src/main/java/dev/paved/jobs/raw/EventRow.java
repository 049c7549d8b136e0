package dev.paved.jobs.raw;

import dev.paved.jobs.runtime.ClickHouseValues;
import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.model.Developer;
import dev.paved.model.Deviation;
import dev.paved.model.Event;
import dev.paved.model.EventBody;
import dev.paved.model.Incident;
import dev.paved.model.Ticket;
import dev.paved.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One row of the raw table {@code events} (migration {@code 001_events.sql}); the components are
 * its columns in snake_case ({@code timeMs} is {@code time_ms}). {@code version} is MATERIALIZED
 * and not written. Absent envelope and type fields are {@code ""}, as the table's defaults would
 * be.
 *
 * @param sender the source of the ingest token that sent the event (the log's {@code source}
 *     header)
 * @param action the type's action for incident, developer, usage, ticket and deviation; {@code ""}
 *     for the others (a deploy's outcome is its {@code status}, in the payload)
 * @param attrValues the attribute values as text, at the positions of their keys in {@code
 *     attrKeys}
 * @param payload the canonical event JSON, every field included
 */
public record EventRow(
    String id,
    String type,
    String time,
    int timeMs,
    String team,
    String actor,
    String service,
    String source,
    String sender,
    String action,
    String feature,
    String step,
    String runId,
    String[] attrKeys,
    String[] attrValues,
    String payload,
    String receivedAt,
    int receivedMs) {

  public static final String TABLE = "events";

  public static EventRow of(LoggedEvent logged) {
    Event event = logged.event();
    EventBody body = event.body();
    Map<String, Object> attributes = event.attributes();
    String[] keys = new String[attributes.size()];
    String[] values = new String[attributes.size()];
    int i = 0;
    for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
      keys[i] = attribute.getKey();
      values[i] = String.valueOf(attribute.getValue());
      i++;
    }
    long time = event.time().toEpochMilli();
    return new EventRow(
        event.id(),
        event.type().wireName(),
        ClickHouseValues.dateTime(time),
        ClickHouseValues.millisOf(time),
        orEmpty(event.team()),
        orEmpty(event.actor()),
        orEmpty(event.service()),
        orEmpty(event.source()),
        logged.sender(),
        action(body),
        body instanceof Usage usage
            ? usage.feature()
            : body instanceof Ticket ticket ? orEmpty(ticket.feature()) : "",
        body instanceof Usage usage ? orEmpty(usage.step()) : "",
        body instanceof Usage usage ? orEmpty(usage.runId()) : "",
        keys,
        values,
        new String(logged.json(), StandardCharsets.UTF_8),
        ClickHouseValues.dateTime(logged.receivedAtMillis()),
        ClickHouseValues.millisOf(logged.receivedAtMillis()));
  }

  private static String action(EventBody body) {
    if (body instanceof Incident incident) {
      return incident.action().wireName();
    } else if (body instanceof Developer developer) {
      return developer.action().wireName();
    } else if (body instanceof Usage usage) {
      return usage.action().wireName();
    } else if (body instanceof Ticket ticket) {
      return ticket.action().wireName();
    } else if (body instanceof Deviation deviation) {
      return deviation.action().wireName();
    }
    return "";
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
