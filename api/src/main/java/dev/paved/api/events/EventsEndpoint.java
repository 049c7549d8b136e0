package dev.paved.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.query.MetricSql;
import dev.paved.api.query.Params;
import dev.paved.api.route.Answer;
import dev.paved.api.route.Endpoint;
import dev.paved.api.route.Field;
import dev.paved.api.route.Request;
import dev.paved.api.route.Route;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.SqlLiteral;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/events}: the raw events behind any number, newest first, from the raw {@code
 * events} table read with {@code FINAL} (each id once, the first received copy). Each row is the
 * event's canonical JSON as ingest stored it, plus {@code received_at} and {@code sender} (the
 * source of the ingest token that sent it). Pages are cut by {@link EventCursor}.
 */
public final class EventsEndpoint implements Endpoint {
  /** An event's time in milliseconds since the epoch, the sort key with {@code id}. */
  static final String MILLIS = "(toUInt64(time) * 1000 + time_ms)";

  /** Every field an event may have (events.md), in the contract's order: the CSV columns. */
  static final List<Field> FIELDS =
      List.of(
          Field.string("id", "the sender's event id"),
          Field.choice("type", "event type", EventFilters.TYPES),
          Field.dateTime("time", "when it happened (UTC)"),
          Field.string("team", "owning team"),
          Field.string("actor", "developer id"),
          Field.string("service", "service"),
          Field.string("source", "the tool that emitted it"),
          Field.string("change_id", "change: commit sha or PR id"),
          Field.dateTime("pr_opened_at", "change: pull request opened"),
          Field.dateTime("pr_first_review_at", "change: first review"),
          Field.dateTime("pr_merged_at", "change: merged"),
          Field.strings("commit_ids", "change: the shas it merged"),
          Field.string("deploy_id", "deploy id"),
          Field.string("environment", "deploy: environment"),
          Field.string("status", "deploy: success, failure or rolled_back"),
          Field.dateTime("started_at", "deploy: when it started"),
          Field.strings("change_ids", "deploy: the changes it shipped"),
          new Field(
              "changes",
              "deploy: inline changes it shipped ({change_id, time, actor})",
              Map.of("type", "array", "items", Map.of("type", "object"))),
          Field.string("incident_id", "incident id"),
          Field.string("action", "opened, resolved, joined, started, step, completed, ..."),
          Field.string("caused_by_deploy", "incident: the deploy_id that caused it"),
          Field.string("severity", "incident: severity"),
          Field.string("feature", "usage, ticket: platform feature"),
          Field.string("run_id", "usage: one attempt of a workflow"),
          Field.string("step", "usage: workflow step"),
          Field.string("error", "usage: error of a failed step"),
          Field.string("ticket_id", "ticket id"),
          Field.string("priority", "ticket: priority"),
          Field.string("kind", "ticket: request, problem or question"),
          Field.string("survey_id", "survey id"),
          Field.string("question", "survey: question"),
          new Field("score", "survey: score", Map.of("type", "number")),
          new Field("scale_min", "survey: lowest score", Map.of("type", "number")),
          new Field("scale_max", "survey: highest score", Map.of("type", "number")),
          Field.string("comment", "survey: free text"),
          Field.string("component", "deviation: component"),
          Field.string("golden_path", "deviation: the golden path default"),
          Field.string("actual", "deviation: what is used instead"),
          Field.string("reason", "deviation: why"),
          Field.object("attributes", "extra values the sender attached"),
          Field.dateTime("received_at", "when ingest accepted it (UTC)"),
          Field.string("sender", "the source of the ingest token that sent it"));

  private static final Route ROUTE =
      Route.list("/events", "events")
          .summary("The raw events behind any number")
          .description(
              "Raw events, newest first (by time, then id), each id once. Every filter narrows;"
                  + " a repeated filter means any of its values. `environment` keeps only deploys"
                  + " to those environments (no default here). Page with `limit` and the"
                  + " `next_cursor` of the previous answer; `next_cursor` is null on the last"
                  + " page.")
          .parameters(
              EventFilters.TYPE,
              Params.TEAM,
              Params.SERVICE,
              EventFilters.FEATURE,
              EventFilters.STEP,
              EventFilters.ACTOR,
              EventFilters.ACTION,
              EventFilters.RUN_ID,
              Params.ENVIRONMENT)
          .fields(FIELDS)
          .build();

  private final ClickHouse clickhouse;
  private final ObjectMapper json;

  public EventsEndpoint(ClickHouse clickhouse, ObjectMapper json) {
    this.clickhouse = clickhouse;
    this.json = json;
  }

  @Override
  public Route route() {
    return ROUTE;
  }

  @Override
  public Answer answer(Request request) {
    List<String> where = new ArrayList<>();
    where.add(request.range().sqlCondition("time", "time_ms"));
    in(where, "type", request.get(EventFilters.TYPE));
    in(where, "team", request.get(Params.TEAM));
    in(where, "service", request.get(Params.SERVICE));
    in(where, "feature", request.get(EventFilters.FEATURE));
    in(where, "step", request.get(EventFilters.STEP));
    in(where, "actor", request.get(EventFilters.ACTOR));
    in(where, "action", request.get(EventFilters.ACTION));
    in(where, "run_id", request.get(EventFilters.RUN_ID));
    List<String> environments = request.get(Params.ENVIRONMENT);
    if (!environments.isEmpty()) {
      // The canonical payload writes a deploy's environment before its attributes, so the first
      // "environment" key is the deploy's own.
      where.add(
          "type = 'deploy' AND visitParamExtractString(payload, 'environment') IN ("
              + String.join(", ", environments.stream().map(SqlLiteral::string).toList())
              + ")");
    }
    if (request.cursor() != null) {
      where.add(EventCursor.decode(request.cursor()).sqlCondition());
    }
    int limit = request.limit();
    String sql =
        "SELECT id, type, time, time_ms, team, actor, service, source, action, feature, step,"
            + " run_id, payload, received_at, received_ms, sender, "
            + MILLIS
            + " AS millis FROM "
            + clickhouse.table("events")
            + " FINAL WHERE "
            + String.join(" AND ", where)
            + " ORDER BY time DESC, time_ms DESC, id DESC LIMIT "
            + SqlLiteral.integer(limit + 1L);
    List<JsonNode> found = clickhouse.queryRows(sql);
    List<ObjectNode> rows = new ArrayList<>();
    for (JsonNode row : found.subList(0, Math.min(limit, found.size()))) {
      rows.add(event(row));
    }
    String next = null;
    if (found.size() > limit) {
      JsonNode last = found.get(limit - 1);
      next = new EventCursor(last.get("millis").asLong(), last.get("id").asText()).encode();
    }
    return Answer.page(rows, next);
  }

  private static void in(List<String> where, String column, List<String> values) {
    if (!values.isEmpty()) {
      where.add(MetricSql.in(column, values));
    }
  }

  /** The canonical JSON of the event, with {@code received_at} and {@code sender} added. */
  private ObjectNode event(JsonNode row) {
    ObjectNode event;
    try {
      JsonNode payload = json.readTree(row.path("payload").asText());
      event = payload instanceof ObjectNode object ? object : fromColumns(row);
    } catch (JsonProcessingException e) {
      event = fromColumns(row);
    }
    event.put("received_at", instant(row, "received_at", "received_ms").toString());
    event.put("sender", row.path("sender").asText());
    return event;
  }

  /** When a stored payload cannot be read: what the columns know of the event. */
  private ObjectNode fromColumns(JsonNode row) {
    ObjectNode event = json.createObjectNode();
    event.put("id", row.path("id").asText());
    event.put("type", row.path("type").asText());
    event.put("time", instant(row, "time", "time_ms").toString());
    for (String column :
        List.of("team", "actor", "service", "source", "action", "feature", "step", "run_id")) {
      String value = row.path(column).asText();
      if (!value.isEmpty()) {
        event.put(column, value);
      }
    }
    return event;
  }

  private static Instant instant(JsonNode row, String seconds, String millis) {
    return Instant.parse(row.path(seconds).asText().replace(' ', 'T') + "Z")
        .plusMillis(row.path(millis).asLong());
  }
}
