package dev.paved.api.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;

/**
 * {@code GET /api/v1/onboarding/service-bootstrap} (metrics.md §2, service bootstrap time, "idea to
 * running service"): per period of the bootstrap's end (the first successful production deploy of
 * the new service, or the template run's completion when no deploy followed), the time from the
 * first {@code service-template} start ({@code service_bootstraps}, read with {@code FINAL}).
 * Bootstraps not ended yet have no period and are left out.
 */
public final class ServiceBootstrapEndpoint implements Endpoint {
  static final String TABLE = "service_bootstraps";

  /**
   * The alias of {@code completed_without_deploy}: an alias equal to a column of the table would
   * replace the column inside the other expressions (ClickHouse resolves aliases first).
   */
  private static final String WITHOUT_DEPLOY_ALIAS = "ended_by_completion";

  private static final Route ROUTE =
      Route.metric("/onboarding/service-bootstrap", "service_bootstrap", "seconds")
          .summary("Service bootstrap time")
          .description(
              "From the first `usage` event with feature service-template and action started to"
                  + " the first successful production deploy of the service it names (or the"
                  + " run's completion when no deploy followed), in the period of that end (tz)."
                  + " `completed_without_deploy` counts the bootstraps of the row that ended by"
                  + " the run's completion, not by a deploy.")
          .parameters(Params.TEAM, Params.SERVICE)
          .groupBy("team", "service")
          .countMeans("services whose bootstrap ended in the period")
          .field(Field.number("median", "seconds, exact (R-7)"))
          .field(Field.number("p90", "seconds, exact (R-7)"))
          .field(Field.number("mean", "seconds"))
          .field(
              Field.integer(
                  "completed_without_deploy",
                  "bootstraps ended by the template run's completion, with no production deploy"))
          .build();

  private final ClickHouse clickhouse;

  public ServiceBootstrapEndpoint(ClickHouse clickhouse) {
    this.clickhouse = clickhouse;
  }

  @Override
  public Route route() {
    return ROUTE;
  }

  @Override
  public Answer answer(Request request) {
    String value = "assumeNotNull(bootstrap_seconds)";
    String sql =
        MetricSql.from(clickhouse.table(TABLE))
            .finalRows()
            .period(request.granularity(), "ended_at", request.zone())
            .key(request.groupBy())
            .aggregate("count", "count()")
            .aggregate("median", MetricSql.percentile(value, 0.5))
            .aggregate("p90", MetricSql.percentile(value, 0.9))
            .aggregate("mean", "avg(" + value + ")")
            .aggregate(WITHOUT_DEPLOY_ALIAS, "toUInt64(sum(completed_without_deploy))")
            .where("ended_at IS NOT NULL AND bootstrap_seconds IS NOT NULL")
            .where(request.range().sqlCondition("ended_at", "ended_ms"))
            .whereIn("team", request.get(Params.TEAM))
            .whereIn("service", request.get(Params.SERVICE))
            .sql();
    List<ObjectNode> rows = new ArrayList<>();
    for (JsonNode found : clickhouse.queryRows(sql)) {
      ObjectNode row = (ObjectNode) found;
      row.set("completed_without_deploy", row.remove(WITHOUT_DEPLOY_ALIAS));
      request.groupBy().filter(group -> row.path(group).asText().isEmpty()).ifPresent(row::putNull);
      rows.add(row);
    }
    return Answer.of(rows);
  }
}
