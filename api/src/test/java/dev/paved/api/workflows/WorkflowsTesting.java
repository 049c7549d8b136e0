package dev.paved.api.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.ApiServer;
import dev.paved.api.health.ClickHouseStatus;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.config.PavedConfig;
import dev.paved.model.EventCodec;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
  static final String READ_TOKEN = "paved-dev-read-token";
  static final ObjectMapper JSON = EventCodec.mapper();
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private WorkflowsTesting() {}

  /** What a GET answered. */
  public record Reply(int status, String contentType, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** GET {@code pathAndQuery} with the read token from a server on {@code clickhouse}. */
  public static Reply get(ClickHouse clickhouse, String pathAndQuery) {
    Reply[] reply = new Reply[1];
    JavalinTest.test(
        new ApiServer(PavedConfig.defaults().api(), new ClickHouseStatus(clickhouse), JSON)
            .create(),
        (app, client) -> {
          var response =
              client.get(
                  pathAndQuery, request -> request.header("Authorization", "Bearer " + READ_TOKEN));
          List<String> type = response.headers().get("Content-Type");
          reply[0] =
              new Reply(
                  response.code(),
                  type == null || type.isEmpty() ? null : type.get(0),
                  response.body().string());
        });
    return reply[0];
  }

  /** The JSON answer of a GET that must succeed. */
  public static JsonNode ok(ClickHouse clickhouse, String pathAndQuery) {
    Reply reply = get(clickhouse, pathAndQuery);
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  /** A GET that must fail with 400 naming {@code parameter}. */
  public static void badParameter(ClickHouse clickhouse, String pathAndQuery, String parameter) {
    Reply reply = get(clickhouse, pathAndQuery);
    assertEquals(400, reply.status(), reply.body());
    assertEquals("application/problem+json", reply.contentType().split(";")[0]);
    assertEquals(
        parameter, reply.json().path("invalid_params").get(0).path("name").asText(), reply.body());
  }

  /** {@code ?a=1&b=2}, each value URL-encoded. */
  public static String query(String... namesAndValues) {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      query
          .append(i == 0 ? '?' : '&')
          .append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
    }
    return query.toString();
  }

  /** Inserts rows into {@code table} in one insert. */
  public static void insert(ClickHouse clickhouse, String table, ObjectNode... rows) {
    StringBuilder ndjson = new StringBuilder();
    for (ObjectNode row : rows) {
      ndjson.append(row).append('\n');
    }
    clickhouse.insertJsonEachRow(
        table, new ByteArrayInputStream(ndjson.toString().getBytes(StandardCharsets.UTF_8)));
  }

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
