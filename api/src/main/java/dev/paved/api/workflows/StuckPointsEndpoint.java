package dev.paved.api.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.query.MetricSql;
import dev.paved.api.query.Params;
import dev.paved.api.route.Answer;
import dev.paved.api.route.Endpoint;
import dev.paved.api.route.Field;
import dev.paved.api.route.Request;
import dev.paved.api.route.Route;
import dev.paved.clickhouse.ClickHouse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /api/v1/workflows/stuck-points} (metrics.md §3): per period, feature and step, the
 * step's events ({@code workflow_steps}: dwell time to the run's next event, failures and their
 * errors, in the period of the event) and the abandoned attempts that ended there ({@code
 * workflow_attempts}, in the period of their last event), with how many of those developers opened
 * a ticket on the feature within 48 hours of that last event ({@code workflow_ticket_followups}).
 * Three queries, merged here by period, feature, step and team.
 */
public final class StuckPointsEndpoint implements Endpoint {

  /** How many of a step's errors {@code top_errors} lists, most frequent first. */
  static final int TOP_ERRORS = 3;

  private static final Route ROUTE =
      Route.metric("/workflows/stuck-points", "stuck_points", "seconds")
          .summary("Where developers get stuck")
          .description(
              "Per period (tz), feature and step: count = step and failed events at the step in"
                  + " the period; abandoned_here = abandoned attempts whose last step it was, in"
                  + " the period of their last event (an attempt abandoned before any step ends at"
                  + " step `started`); dwell_median and dwell_p90 = time from an event at the step"
                  + " to the run's next event, seconds, exact (R-7), null when no event at the step"
                  + " has a next one; failures = failed events at the step, with the "
                  + TOP_ERRORS
                  + " most frequent error values; ticket_within_48h = distinct developers among"
                  + " abandoned_here who opened a ticket on the same feature between the"
                  + " attempt's last event and 48 hours after it.")
          .parameters(Params.TEAM, Workflows.FEATURE)
          .groupBy("team")
          .countMeans("step and failed events at the step in the period")
          .field(Field.string("feature", "the platform feature"))
          .field(Field.string("step", "the workflow step"))
          .field(Field.integer("abandoned_here", "abandoned attempts whose last step it was"))
          .field(Field.number("dwell_median", "seconds, exact (R-7)"))
          .field(Field.number("dwell_p90", "seconds, exact (R-7)"))
          .field(Field.integer("failures", "failed events at the step"))
          .field(
              new Field(
                  "top_errors",
                  "the most frequent error values of the failures, most frequent first",
                  Map.of(
                      "type",
                      "array",
                      "items",
                      Map.of(
                          "type",
                          "object",
                          "properties",
                          Map.of(
                              "error",
                              Map.of("type", "string"),
                              "count",
                              Map.of("type", "integer"))))))
          .field(
              Field.integer(
                  "ticket_within_48h",
                  "abandoning developers who opened a ticket on the feature within 48 h"))
          .build();

  private final ClickHouse clickhouse;

  public StuckPointsEndpoint(ClickHouse clickhouse) {
    this.clickhouse = clickhouse;
  }

  @Override
  public Route route() {
    return ROUTE;
  }

  @Override
  public Answer answer(Request request) {
    Optional<String> group = request.groupBy();
    TreeMap<List<String>, ObjectNode> rows = new TreeMap<>(KEY_ORDER);
    for (JsonNode found : clickhouse.queryRows(stepsSql(request))) {
      ObjectNode row = (ObjectNode) found;
      row.set("top_errors", JsonNodeFactory.instance.arrayNode());
      rows.put(key(row, "step", group), row);
    }
    for (JsonNode found : clickhouse.queryRows(abandonedSql(request))) {
      ObjectNode row = rowFor(rows, found, "last_step", group);
      row.set("abandoned_here", found.get("abandoned_here"));
      row.set("ticket_within_48h", found.get("ticket_within_48h"));
    }
    for (JsonNode found : clickhouse.queryRows(errorsSql(request))) {
      ObjectNode row = rows.get(key(found, "step", group));
      ArrayNode errors = (ArrayNode) row.get("top_errors");
      if (errors.size() < TOP_ERRORS) {
        errors.addObject().put("error", found.get("error").asText()).set("count", found.get("n"));
      }
    }
    List<JsonNode> answer = new ArrayList<>();
    for (ObjectNode row : rows.values()) {
      row.putIfAbsent("abandoned_here", JsonNodeFactory.instance.numberNode(0));
      row.putIfAbsent("ticket_within_48h", JsonNodeFactory.instance.numberNode(0));
      answer.add(row);
    }
    return Answer.of(Workflows.rows(answer, request));
  }

  private static final Comparator<List<String>> KEY_ORDER =
      (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
          int c = a.get(i).compareTo(b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return 0;
      };

  /** period, feature, step, team ('' without group_by). */
  private static List<String> key(JsonNode row, String stepColumn, Optional<String> group) {
    return List.of(
        row.get("period").asText(),
        row.get("feature").asText(),
        row.get(stepColumn).asText(),
        group.map(column -> row.get(column).asText()).orElse(""));
  }

  /** The row of an abandoned-attempts result, created empty when the step had no events. */
  private static ObjectNode rowFor(
      TreeMap<List<String>, ObjectNode> rows,
      JsonNode found,
      String stepColumn,
      Optional<String> group) {
    return rows.computeIfAbsent(
        key(found, stepColumn, group),
        key -> {
          ObjectNode row = JsonNodeFactory.instance.objectNode();
          row.set("period", found.get("period"));
          group.ifPresent(column -> row.set(column, found.get(column)));
          row.put("count", 0);
          row.set("feature", found.get("feature"));
          row.set("step", found.get(stepColumn));
          row.putNull("dwell_median");
          row.putNull("dwell_p90");
          row.put("failures", 0);
          row.set("top_errors", JsonNodeFactory.instance.arrayNode());
          return row;
        });
  }

  private String stepsSql(Request request) {
    return filtered(
            MetricSql.from(clickhouse.table(Workflows.STEPS))
                .finalRows()
                .period(request.granularity(), "at", request.zone())
                .key("feature")
                .key("step")
                .key(request.groupBy())
                .aggregate("count", "count()")
                .aggregate("dwell_median", MetricSql.percentile("dwell_seconds", 0.5))
                .aggregate("dwell_p90", MetricSql.percentile("dwell_seconds", 0.9))
                .aggregate("failures", "countIf(failed = 1)")
                .where(request.range().sqlCondition("at", "at_ms")),
            request)
        .sql();
  }

  private String abandonedSql(Request request) {
    String followedByTicket =
        "(run_id, last_event_at, last_event_ms) IN (SELECT run_id, last_event_at, last_event_ms"
            + " FROM "
            + clickhouse.table(Workflows.FOLLOW_UPS)
            + " FINAL WHERE abandoned = 1 AND ticket_id != '')";
    return filtered(
            MetricSql.from(clickhouse.table(Workflows.ATTEMPTS))
                .finalRows()
                .period(request.granularity(), "last_event_at", request.zone())
                .key("feature")
                .key("last_step")
                .key(request.groupBy())
                .aggregate("abandoned_here", "count()")
                .aggregate("ticket_within_48h", "uniqExactIf(actor, " + followedByTicket + ")")
                .where("status = 'abandoned'")
                .where(request.range().sqlCondition("last_event_at", "last_event_ms")),
            request)
        .sql();
  }

  /** The failures' errors per step, most frequent first (ties by error), for the top list. */
  private String errorsSql(Request request) {
    String sql =
        filtered(
                MetricSql.from(clickhouse.table(Workflows.STEPS))
                    .finalRows()
                    .period(request.granularity(), "at", request.zone())
                    .key("feature")
                    .key("step")
                    .key(request.groupBy())
                    .key("error")
                    .aggregate("n", "count()")
                    .where("failed = 1 AND error != ''")
                    .where(request.range().sqlCondition("at", "at_ms")),
                request)
            .sql();
    // The builder orders by its keys; the top list needs the counts first within a step.
    return "SELECT * FROM (" + sql + ") ORDER BY period, feature, step, n DESC, error";
  }

  private static MetricSql filtered(MetricSql sql, Request request) {
    return sql.whereIn("team", request.get(Params.TEAM))
        .whereIn("feature", request.get(Workflows.FEATURE));
  }
}
