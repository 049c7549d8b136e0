package dev.paved.api.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.query.MetricSql;
import dev.paved.api.query.Param;
import dev.paved.api.query.Params;
import dev.paved.api.route.Answer;
import dev.paved.api.route.Endpoint;
import dev.paved.api.route.Field;
import dev.paved.api.route.Request;
import dev.paved.api.route.Route;
import dev.paved.clickhouse.ClickHouse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/v1/tickets} (metrics.md §5, support tickets): per period, feature, kind and (with
 * {@code group_by=team}) requesting team, from {@code tickets} ({@code FINAL}):
 *
 * <ul>
 *   <li>{@code opened} (= {@code count}): tickets opened in the period;
 *   <li>{@code resolved}, {@code median}, {@code p90}: tickets whose final resolution falls in the
 *       period, and their time from opening to it (seconds, R-7);
 *   <li>{@code reopen_rate}: of the tickets opened in the period, the share reopened at least once;
 *   <li>{@code per_100_active_developers}: opened per 100 developers active in the period (distinct
 *       actors of any event in {@code events}, of the team when grouped or filtered by team);
 *   <li>{@code request_share}: of the feature's tickets opened in the period (all kinds), the share
 *       of kind {@code request}; the same on each kind's row of that feature.
 * </ul>
 */
public final class TicketsEndpoint implements Endpoint {
  static final String TABLE = "tickets";
  static final String EVENTS = "events";

  static final Param<List<String>> FEATURE =
      Param.slugs("feature", "Only these platform features (repeatable, or comma-separated).");

  private static final Route ROUTE =
      Route.metric("/tickets", "tickets", "tickets")
          .summary("Support tickets")
          .description(
              "Per period (tz), feature, kind and optionally requesting team: tickets opened"
                  + " (count) and resolved in the period, median and p90 seconds from opening"
                  + " to the final resolution of those resolved (R-7; reopened spells"
                  + " included), the share of the opened ones reopened at least once, opened"
                  + " per 100 active developers (distinct actors with any event in the period,"
                  + " of the team when grouped or filtered by team), and the share of `request`"
                  + " tickets among the feature's opened tickets (repeated on each kind's row)."
                  + " Feature and kind are null for tickets that named none.")
          .parameters(Params.TEAM, FEATURE)
          .groupBy("team")
          .countMeans("tickets opened in the period")
          .field(Field.string("feature", "the platform area the tickets concern"))
          .field(Field.string("kind", "request, problem or question"))
          .field(Field.integer("opened", "tickets opened in the period (= count)"))
          .field(Field.integer("resolved", "tickets finally resolved in the period"))
          .field(Field.number("median", "seconds to resolution, exact (R-7)"))
          .field(Field.number("p90", "seconds to resolution, exact (R-7)"))
          .field(Field.number("reopen_rate", "opened tickets reopened at least once / opened"))
          .field(
              Field.number(
                  "per_100_active_developers", "opened per 100 developers active in the period"))
          .field(
              Field.number("request_share", "request tickets / all tickets of the feature opened"))
          .build();

  private final ClickHouse clickhouse;

  public TicketsEndpoint(ClickHouse clickhouse) {
    this.clickhouse = clickhouse;
  }

  @Override
  public Route route() {
    return ROUTE;
  }

  @Override
  public Answer answer(Request request) {
    String group = request.groupBy().orElse(null);
    String opened =
        MetricSql.from(clickhouse.table(TABLE))
            .finalRows()
            .period(request.granularity(), "opened_at", request.zone())
            .key(request.groupBy())
            .key("feature")
            .key("kind")
            .aggregate("opened", "count()")
            .aggregate("reopened", "countIf(reopens > 0)")
            .where(request.range().sqlCondition("opened_at", "opened_ms"))
            .whereIn("team", request.get(Params.TEAM))
            .whereIn("feature", request.get(FEATURE))
            .sql();
    String value = "assumeNotNull(resolution_seconds)";
    String resolved =
        MetricSql.from(clickhouse.table(TABLE))
            .finalRows()
            .period(request.granularity(), "resolved_at", request.zone())
            .key(request.groupBy())
            .key("feature")
            .key("kind")
            .aggregate("resolved", "count()")
            .aggregate("median", MetricSql.percentile(value, 0.5))
            .aggregate("p90", MetricSql.percentile(value, 0.9))
            .where("resolved_at IS NOT NULL AND resolution_seconds IS NOT NULL")
            .where(request.range().sqlCondition("resolved_at", "resolved_ms"))
            .whereIn("team", request.get(Params.TEAM))
            .whereIn("feature", request.get(FEATURE))
            .sql();
    String active =
        MetricSql.from(clickhouse.table(EVENTS))
            .period(request.granularity(), "time", request.zone())
            .key(request.groupBy())
            .aggregate("developers", "uniqExact(actor)")
            .where("actor != ''")
            .where(request.range().sqlCondition("time", "time_ms"))
            .whereIn("team", request.get(Params.TEAM))
            .sql();

    Map<List<String>, ObjectNode> rows = new TreeMap<>(TicketsEndpoint::compare);
    Map<List<String>, long[]> requestShare = new HashMap<>();
    for (JsonNode row : clickhouse.queryRows(opened)) {
      ObjectNode out = row(rows, row, group);
      long count = row.path("opened").asLong();
      out.put("count", count);
      out.put("opened", count);
      out.put("reopen_rate", (double) row.path("reopened").asLong() / count);
      long[] share =
          requestShare.computeIfAbsent(
              List.of(
                  row.path("period").asText(),
                  groupValue(row, group),
                  row.path("feature").asText()),
              key -> new long[2]);
      share[1] += count;
      if (row.path("kind").asText().equals("request")) {
        share[0] += count;
      }
    }
    for (JsonNode row : clickhouse.queryRows(resolved)) {
      ObjectNode out = row(rows, row, group);
      out.put("resolved", row.path("resolved").asLong());
      out.set("median", row.path("median"));
      out.set("p90", row.path("p90"));
    }
    Map<List<String>, Long> developers = new HashMap<>();
    for (JsonNode row : clickhouse.queryRows(active)) {
      developers.put(
          List.of(row.path("period").asText(), groupValue(row, group)),
          row.path("developers").asLong());
    }
    for (Map.Entry<List<String>, ObjectNode> entry : rows.entrySet()) {
      List<String> key = entry.getKey();
      ObjectNode out = entry.getValue();
      long count = out.path("opened").asLong();
      Long activeDevelopers = developers.get(List.of(key.get(0), key.get(1)));
      if (activeDevelopers == null || activeDevelopers == 0) {
        out.putNull("per_100_active_developers");
      } else {
        out.put("per_100_active_developers", 100.0 * count / activeDevelopers);
      }
      long[] share = requestShare.get(List.of(key.get(0), key.get(1), key.get(2)));
      if (share == null || share[1] == 0) {
        out.putNull("request_share");
      } else {
        out.put("request_share", (double) share[0] / share[1]);
      }
    }
    return Answer.of(new ArrayList<>(rows.values()));
  }

  /** The row of {@code row}'s period, group, feature and kind, created empty when new. */
  private static ObjectNode row(Map<List<String>, ObjectNode> rows, JsonNode row, String group) {
    List<String> key =
        List.of(
            row.path("period").asText(),
            groupValue(row, group),
            row.path("feature").asText(),
            row.path("kind").asText());
    return rows.computeIfAbsent(
        key,
        k -> {
          ObjectNode out = JsonNodeFactory.instance.objectNode();
          out.put("period", k.get(0));
          if (group != null) {
            text(out, group, k.get(1));
          }
          text(out, "feature", k.get(2));
          text(out, "kind", k.get(3));
          out.put("count", 0);
          out.put("opened", 0);
          out.put("resolved", 0);
          out.putNull("median");
          out.putNull("p90");
          out.putNull("reopen_rate");
          return out;
        });
  }

  private static String groupValue(JsonNode row, String group) {
    return group == null ? "" : row.path(group).asText();
  }

  private static void text(ObjectNode out, String name, String value) {
    if (value.isEmpty()) {
      out.putNull(name);
    } else {
      out.put(name, value);
    }
  }

  private static int compare(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
