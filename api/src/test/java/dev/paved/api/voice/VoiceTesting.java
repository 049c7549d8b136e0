package dev.paved.api.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.model.EventCodec;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Test helpers for the voice and deviation endpoints: rows written straight into the jobs' tables
 * (migration 004) and GETs over real HTTP with the read token.
 */
public final class VoiceTesting {
  public static final ObjectMapper JSON = EventCodec.mapper();
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private VoiceTesting() {}

  /** {@code column} as {@code 'YYYY-MM-DD hh:mm:ss'} (UTC) and {@code <prefix>_ms}. */
  public static ObjectNode putTime(ObjectNode row, String column, String time) {
    Instant instant = Instant.parse(time);
    row.put(column, LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(DATE_TIME));
    String millis = column.endsWith("_at") ? column.replace("_at", "_ms") : column + "_ms";
    row.put(millis, instant.toEpochMilli() % 1000);
    return row;
  }

  /** A raw event of {@code actor} at {@code time}: who was active, and the event clock. */
  static ObjectNode event(String id, String time, String team, String actor) {
    ObjectNode row = JSON.createObjectNode();
    row.put("id", id);
    row.put("type", "usage");
    putTime(row, "time", time);
    row.put("team", team);
    row.put("actor", actor);
    row.put("payload", "{}");
    putTime(row, "received", time);
    row.put("received_at", row.remove("received").asText());
    return row;
  }

  /** {@code field} of every row, as text ("null" for null). */
  public static List<String> column(JsonNode body, String field) {
    return StreamSupport.stream(body.path("rows").spliterator(), false)
        .map(row -> row.path(field).isNull() ? "null" : row.path(field).asText())
        .toList();
  }
}
