package dev.paved.api.workflows;

import static dev.paved.api.RouteTesting.insert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.model.EventCodec;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helpers for the workflow and feature endpoints: fact rows written straight into the jobs'
 * tables (migration 003) as JSONEachRow, the raw-event clock, and GETs over real HTTP.
 */
public final class WorkflowsTesting {
  static final ObjectMapper JSON = EventCodec.mapper();
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private WorkflowsTesting() {}

  /** Sets the event-time clock ({@code as_of.event_time}): one raw event at {@code time}. */
  public static void eventClock(ClickHouse clickhouse, String time) {
    Instant instant = Instant.parse(time);
    ObjectNode row = JSON.createObjectNode();
    row.put("id", "clock-" + time);
    row.put("type", "usage");
    putTime(row, "time", instant, "time_ms");
    row.put("payload", "{}");
    row.put("received_at", format(instant.plusSeconds(1)));
    insert(clickhouse, "events", row);
  }

  static String format(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(DATE_TIME);
  }

  static void putTime(ObjectNode row, String column, Instant instant, String millisColumn) {
    row.put(column, format(instant));
    row.put(millisColumn, instant.toEpochMilli() % 1000);
  }

  /** A {@code workflow_attempts} row. */
  static ObjectNode attempt(
      String runId,
      String feature,
      String team,
      String actor,
      String startedAt,
      String lastEventAt,
      String status,
      String lastStep,
      long version) {
    ObjectNode row = JSON.createObjectNode();
    row.put("id", "attempt:" + runId);
    row.put("run_id", runId);
    row.put("feature", feature);
    row.put("team", team);
    row.put("actor", actor);
    putTime(row, "started_at", Instant.parse(startedAt), "started_ms");
    putTime(row, "last_event_at", Instant.parse(lastEventAt), "last_event_ms");
    row.put("status", status);
    row.put("last_step", lastStep);
    row.put("events", 2);
    row.put("failures", 0);
    row.put("version", version);
    return row;
  }

  /** A {@code workflow_steps} row; {@code error} null for a step event, dwell null when unknown. */
  static ObjectNode step(
      String runId,
      String eventId,
      String feature,
      String team,
      String actor,
      String step,
      String at,
      String error,
      Double dwellSeconds) {
    ObjectNode row = JSON.createObjectNode();
    row.put("id", "step:" + runId + ":" + eventId);
    row.put("run_id", runId);
    row.put("feature", feature);
    row.put("team", team);
    row.put("actor", actor);
    row.put("step", step);
    putTime(row, "at", Instant.parse(at), "at_ms");
    row.put("failed", error == null ? 0 : 1);
    row.put("error", error == null ? "" : error);
    if (dwellSeconds == null) {
      row.putNull("dwell_seconds");
    } else {
      row.put("dwell_seconds", dwellSeconds);
    }
    row.put("version", 1);
    return row;
  }

  /** A {@code workflow_ticket_followups} row of an abandoned attempt; ticket null when none. */
  static ObjectNode followUp(
      String runId, String feature, String actor, String lastEventAt, String ticketId) {
    ObjectNode row = JSON.createObjectNode();
    row.put("id", "followup:" + runId);
    row.put("run_id", runId);
    row.put("feature", feature);
    row.put("actor", actor);
    putTime(row, "last_event_at", Instant.parse(lastEventAt), "last_event_ms");
    row.put("abandoned", 1);
    row.put("ticket_id", ticketId == null ? "" : ticketId);
    row.putNull("ticket_opened_at");
    row.put("ticket_opened_ms", 0);
    row.put("version", 1);
    return row;
  }

  /** A {@code feature_usage} row: {@code actor} of {@code team} used {@code feature} in a slot. */
  public static ObjectNode use(String feature, String actor, String team, String slotStart) {
    Instant slot = Instant.parse(slotStart);
    ObjectNode row = JSON.createObjectNode();
    row.put("id", "usage:" + feature + ":" + actor + ":" + slot.getEpochSecond());
    row.put("feature", feature);
    row.put("actor", actor);
    row.put("team", team);
    row.put("slot_start", format(slot));
    row.put("version", 1);
    return row;
  }

  /**
   * Each row as {@code period|field|field...}, the fields as text (arrays as JSON, nothing for
   * null).
   */
  public static List<String> rows(JsonNode body, String... fields) {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : body.path("rows")) {
      StringBuilder line = new StringBuilder(row.path("period").asText());
      for (String field : fields) {
        JsonNode value = row.get(field);
        line.append('|')
            .append(
                value == null || value.isNull()
                    ? ""
                    : value.isContainerNode() ? value.toString() : value.asText());
      }
      rows.add(line.toString());
    }
    return rows;
  }
}
