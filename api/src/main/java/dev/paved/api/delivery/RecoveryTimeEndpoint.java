package dev.paved.api.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.api.query.MetricSql;
import dev.paved.api.query.Params;
import dev.paved.api.query.TimeRange;
import dev.paved.api.route.Answer;
import dev.paved.api.route.Endpoint;
import dev.paved.api.route.Field;
import dev.paved.api.route.Request;
import dev.paved.api.route.Route;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.SqlLiteral;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/delivery/recovery-time} (metrics.md §1, failed deployment recovery time): per
 * period of the resolution, resolved minus opened time of the incidents ({@code incidents}, read
 * with {@code FINAL}); the answer also lists the incidents still open, with their age at the
 * pipeline's event-time clock ({@code as_of.event_time}), not the wall clock.
 */
public final class RecoveryTimeEndpoint implements Endpoint {
  static final String TABLE = "incidents";

  private static final Map<String, Object> OPEN_SCHEMA =
      Map.of(
          "type",
          "array",
          "description",
          "incidents not resolved (that opened before `to`), oldest first, with their age in"
              + " seconds at as_of.event_time (null when there is no event yet)",
          "items",
          Map.of(
              "type",
              "object",
              "properties",
              Map.of(
                  "incident_id", Map.of("type", "string"),
                  "service", Map.of("type", "string", "nullable", true),
                  "team", Map.of("type", "string", "nullable", true),
                  "opened_at", Map.of("type", "string", "format", "date-time"),
                  "age_seconds", Map.of("type", "number", "nullable", true))));

  private static final Route ROUTE =
      Route.metric("/delivery/recovery-time", "recovery_time", "seconds")
          .summary("Failed deployment recovery time")
          .description(
              "For incidents: resolved time minus opened time, in the period of the resolution"
                  + " (tz). `open` lists the incidents not resolved that opened before `to`"
                  + " (filtered by team and service like the rows, not by `from`), with their age"
                  + " at the pipeline's event-time clock (as_of.event_time). Incidents carry no"
                  + " environment, so this route has no `environment` parameter.")
          .parameters(Params.TEAM, Params.SERVICE)
          .groupBy("team", "service")
          .countMeans("incidents resolved in the period")
          .field(Field.number("median", "seconds, exact (R-7)"))
          .field(Field.number("p90", "seconds, exact (R-7)"))
          .field(Field.number("mean", "seconds"))
          .extra("open", OPEN_SCHEMA)
          .build();

  private final ClickHouse clickhouse;

  public RecoveryTimeEndpoint(ClickHouse clickhouse) {
    this.clickhouse = clickhouse;
  }

  @Override
  public Route route() {
    return ROUTE;
  }

  @Override
  public Answer answer(Request request) {
    String value = "assumeNotNull(recovery_seconds)";
    String sql =
        MetricSql.from(clickhouse.table(TABLE))
            .finalRows()
            .period(request.granularity(), "resolved_at", request.zone())
            .key(request.groupBy())
            .aggregate("count", "count()")
            .aggregate("median", MetricSql.percentile(value, 0.5))
            .aggregate("p90", MetricSql.percentile(value, 0.9))
            .aggregate("mean", "avg(" + value + ")")
            .where("resolved_at IS NOT NULL AND recovery_seconds IS NOT NULL")
            .where(request.range().sqlCondition("resolved_at", "resolved_ms"))
            .whereIn("team", request.get(Params.TEAM))
            .whereIn("service", request.get(Params.SERVICE))
            .sql();
    return Answer.of(Delivery.rows(clickhouse.queryRows(sql), request)).with("open", open(request));
  }

  /** The incidents still open that opened before the range's end, oldest first. */
  private List<Map<String, Object>> open(Request request) {
    List<String> where = new ArrayList<>();
    where.add("resolved_at IS NULL");
    where.add(
        "(toUInt64(opened_at) * 1000 + opened_ms) < "
            + SqlLiteral.integer(request.range().to().toEpochMilli()));
    List<String> teams = request.get(Params.TEAM);
    if (!teams.isEmpty()) {
      where.add(MetricSql.in("team", teams));
    }
    List<String> services = request.get(Params.SERVICE);
    if (!services.isEmpty()) {
      where.add(MetricSql.in("service", services));
    }
    String sql =
        "SELECT incident_id, service, team, opened_at, opened_ms FROM "
            + clickhouse.table(TABLE)
            + " FINAL WHERE "
            + String.join(" AND ", where)
            + " ORDER BY opened_at, opened_ms, incident_id";
    Optional<Instant> clock = request.asOf().eventTime();
    List<Map<String, Object>> open = new ArrayList<>();
    for (JsonNode row : clickhouse.queryRows(sql)) {
      Instant opened =
          Instant.parse(row.path("opened_at").asText().replace(' ', 'T') + "Z")
              .plusMillis(row.path("opened_ms").asLong());
      Map<String, Object> incident = new LinkedHashMap<>();
      incident.put("incident_id", row.path("incident_id").asText());
      incident.put("service", emptyAsNull(row.path("service").asText()));
      incident.put("team", emptyAsNull(row.path("team").asText()));
      incident.put("opened_at", TimeRange.format(opened, ZoneOffset.UTC));
      incident.put(
          "age_seconds",
          clock.map(now -> (now.toEpochMilli() - opened.toEpochMilli()) / 1000.0).orElse(null));
      open.add(incident);
    }
    return open;
  }

  private static String emptyAsNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
