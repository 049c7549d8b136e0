package dev.paved.api.delivery;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.paved.metrics.PerformanceLevels;
import dev.paved.metrics.PerformanceLevels.Key;
import dev.paved.metrics.PerformanceLevels.Level;
import dev.paved.model.WireValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /api/v1/delivery/levels} (metrics.md §1, performance level): over the whole requested
 * range, one row per key (per group when grouped) with the key's value, its DORA level from {@link
 * PerformanceLevels} and the overall level of the group; the answer names the thresholds' source.
 * The values are those of the delivery endpoints over the range: successful production deploys per
 * day, the R-7 median lead time, the change failure rate and the R-7 median recovery time. A key
 * without a value (no deploys, no changes, no incidents) has value and level null and is left out
 * of the overall level. {@code period} is the first day of the range (in tz); {@code count} is the
 * number of facts behind the value.
 */
public final class PerformanceLevelsEndpoint implements Endpoint {
  private static final PerformanceLevels LEVELS = PerformanceLevels.current();

  private static final List<String> KEYS =
      Arrays.stream(Key.values()).map(WireValue::wireName).toList();
  private static final List<String> LEVEL_NAMES =
      Arrays.stream(Level.values()).map(WireValue::wireName).toList();

  private static final Route ROUTE =
      Route.metric("/delivery/levels", "performance_levels", "level")
          .summary("DORA performance levels")
          .description(
              "Over the whole range (one row per key, per group when grouped): deployment_frequency"
                  + " (successful production deploys per day of the range), lead_time (median"
                  + " seconds), change_failure_rate (fraction) and recovery_time (median seconds),"
                  + " each graded elite, high, medium or low against the thresholds of the current"
                  + " DORA report (top-level `source`), and the overall level: the median of the"
                  + " graded keys, the worse of the two middle ones. A key without data has value"
                  + " and level null and is not graded. `period` is the range's first day (tz).")
          .parameters(Params.TEAM, Params.SERVICE)
          .groupBy("team", "service")
          .countMeans("facts behind the value: deploys, changes or incidents in the range")
          .field(Field.choice("key", "the DORA key", KEYS))
          .field(Field.number("value", "the key's value over the range, in its unit; null without"))
          .field(Field.choice("level", "the key's level; null without a value", LEVEL_NAMES))
          .field(Field.choice("overall", "the group's overall level", LEVEL_NAMES))
          .extra(
              "source",
              Map.of(
                  "type",
                  "object",
                  "description",
                  "the report the thresholds come from: title, year, publisher, url, citation"))
          .build();

  private final ClickHouse clickhouse;
  private final List<String> production;

  public PerformanceLevelsEndpoint(ClickHouse clickhouse, List<String> productionEnvironments) {
    this.clickhouse = clickhouse;
    this.production = List.copyOf(productionEnvironments);
  }

  @Override
  public Route route() {
    return ROUTE;
  }

  @Override
  public Answer answer(Request request) {
    double days =
        (request.range().to().toEpochMilli() - request.range().from().toEpochMilli())
            / 86_400_000.0;
    String deployFilter =
        request.range().sqlCondition("finished_at", "finished_ms")
            + " AND "
            + MetricSql.in("environment", production);
    Map<String, Map<Key, JsonNode>> byGroup =
        new TreeMap<>(
            (a, b) -> a.isEmpty() ? (b.isEmpty() ? 0 : 1) : b.isEmpty() ? -1 : a.compareTo(b));
    collect(
        byGroup,
        Key.DEPLOYMENT_FREQUENCY,
        query(
            request,
            DeploymentsEndpoint.TABLE,
            "count()",
            "countIf(status = 'success') / " + days,
            deployFilter));
    collect(
        byGroup,
        Key.LEAD_TIME,
        query(
            request,
            LeadTimeEndpoint.TABLE,
            "count()",
            MetricSql.percentile("lead_time_seconds", 0.5),
            request.range().sqlCondition("deployed_at", "deployed_ms")
                + " AND "
                + LeadTimeEndpoint.COUNTED));
    collect(
        byGroup,
        Key.CHANGE_FAILURE_RATE,
        query(
            request,
            DeploymentsEndpoint.TABLE,
            "count()",
            "countIf(failed = 1 OR caused_incident = 1) / count()",
            deployFilter));
    collect(
        byGroup,
        Key.RECOVERY_TIME,
        query(
            request,
            RecoveryTimeEndpoint.TABLE,
            "count()",
            MetricSql.percentile("assumeNotNull(recovery_seconds)", 0.5),
            "resolved_at IS NOT NULL AND recovery_seconds IS NOT NULL AND "
                + request.range().sqlCondition("resolved_at", "resolved_ms")));
    String period = request.range().from().atZone(request.zone()).toLocalDate().toString();
    Optional<String> group = request.groupBy();
    List<ObjectNode> rows = new ArrayList<>();
    for (Map.Entry<String, Map<Key, JsonNode>> entry : byGroup.entrySet()) {
      Map<Key, Level> grades = new EnumMap<>(Key.class);
      for (Map.Entry<Key, JsonNode> found : entry.getValue().entrySet()) {
        JsonNode value = found.getValue().path("value");
        if (found.getValue().path("count").asLong() > 0 && !value.isNull()) {
          grades.put(found.getKey(), LEVELS.grade(found.getKey(), value.asDouble()));
        }
      }
      Optional<Level> overall = PerformanceLevels.overall(grades.values());
      for (Key key : Key.values()) {
        JsonNode found = entry.getValue().get(key);
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put("period", period);
        group.ifPresent(
            column -> {
              if (entry.getKey().isEmpty()) {
                row.putNull(column);
              } else {
                row.put(column, entry.getKey());
              }
            });
        row.put("count", found == null ? 0 : found.path("count").asLong());
        row.put("key", key.wireName());
        if (grades.containsKey(key)) {
          row.put("value", found.path("value").asDouble());
          row.put("level", grades.get(key).wireName());
        } else {
          row.putNull("value");
          row.putNull("level");
        }
        if (overall.isPresent()) {
          row.put("overall", overall.get().wireName());
        } else {
          row.putNull("overall");
        }
        rows.add(row);
      }
    }
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("title", LEVELS.source().title());
    source.put("year", LEVELS.source().year());
    source.put("publisher", LEVELS.source().publisher());
    source.put("url", LEVELS.source().url());
    source.put("citation", LEVELS.source().citation());
    return Answer.of(rows).with("source", source);
  }

  private List<JsonNode> query(
      Request request, String table, String count, String value, String condition) {
    Optional<String> group = request.groupBy();
    List<String> where = new ArrayList<>();
    where.add(condition);
    if (!request.get(Params.TEAM).isEmpty()) {
      where.add(MetricSql.in("team", request.get(Params.TEAM)));
    }
    if (!request.get(Params.SERVICE).isEmpty()) {
      where.add(MetricSql.in("service", request.get(Params.SERVICE)));
    }
    String groupColumn = group.map(MetricSql::column).orElse("''");
    String sql =
        "SELECT "
            + groupColumn
            + " AS grp, "
            + count
            + " AS count, "
            + value
            + " AS value FROM "
            + clickhouse.table(table)
            + " FINAL WHERE "
            + String.join(" AND ", where)
            + " GROUP BY grp";
    return clickhouse.queryRows(sql);
  }

  private static void collect(
      Map<String, Map<Key, JsonNode>> byGroup, Key key, List<JsonNode> found) {
    for (JsonNode row : found) {
      byGroup
          .computeIfAbsent(row.path("grp").asText(), g -> new EnumMap<>(Key.class))
          .put(key, row);
    }
  }
}
