package dev.paved.api.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.events.EventFilters;
import dev.paved.api.query.MetricSql;
import dev.paved.api.query.Params;
import dev.paved.api.route.Answer;
import dev.paved.api.route.Endpoint;
import dev.paved.api.route.Field;
import dev.paved.api.route.Request;
import dev.paved.api.route.Route;
import dev.paved.clickhouse.ClickHouse;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/activity} (an addition to api.md): how many events of each type arrived per
 * period, and from how many distinct actors, for the organisation or per team or service. It reads
 * the raw table, so it works before any metric job has run, and shows whether every tool is
 * sending: a type that stops arriving is a broken integration.
 */
public final class ActivityEndpoint implements Endpoint {
  private static final Route ROUTE =
      Route.metric("/activity", "activity", "events")
          .summary("Events per type and period")
          .description(
              "Events per period and type, from the raw events (each id once), by event time in"
                  + " tz. With group_by, one row per period, team (or service) and type; events"
                  + " without a team (service) form the group null. Periods without events have"
                  + " no row.")
          .parameters(Params.TEAM, Params.SERVICE, EventFilters.TYPE)
          .groupBy("team", "service")
          .countMeans("events of that type in the period (and group)")
          .field(Field.choice("type", "event type", EventFilters.TYPES))
          .field(
              Field.integer(
                  "actors", "distinct actors among those events (events without one not counted)"))
          .build();

  private final ClickHouse clickhouse;

  public ActivityEndpoint(ClickHouse clickhouse) {
    this.clickhouse = clickhouse;
  }

  @Override
  public Route route() {
    return ROUTE;
  }

  @Override
  public Answer answer(Request request) {
    String sql =
        MetricSql.from(clickhouse.table("events"))
            .finalRows()
            .period(request.granularity(), "time", request.zone())
            .key(request.groupBy())
            .key("type")
            .aggregate("count", "count()")
            .aggregate("actors", "uniqExactIf(actor, actor != '')")
            .where(request.range().sqlCondition("time", "time_ms"))
            .whereIn("team", request.get(Params.TEAM))
            .whereIn("service", request.get(Params.SERVICE))
            .whereIn("type", request.get(EventFilters.TYPE))
            .sql();
    List<ObjectNode> rows = new ArrayList<>();
    for (JsonNode row : clickhouse.queryRows(sql)) {
      ObjectNode object = (ObjectNode) row;
      request
          .groupBy()
          .filter(group -> object.path(group).asText().isEmpty())
          .ifPresent(group -> object.putNull(group));
      rows.add(object);
    }
    return Answer.of(rows);
  }
}
