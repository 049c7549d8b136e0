package dev.paved.api.delivery;

import dev.paved.api.query.MetricSql;
import dev.paved.api.query.Params;
import dev.paved.api.route.Answer;
import dev.paved.api.route.Endpoint;
import dev.paved.api.route.Field;
import dev.paved.api.route.Request;
import dev.paved.api.route.Route;
import dev.paved.clickhouse.ClickHouse;
import java.util.List;

/**
 * {@code GET /api/v1/delivery/change-failure-rate} (metrics.md §1): per period of the deploy's
 * finish, the deploys to the counted environments that failed or that an incident names (directly
 * or inferred), over all of them ({@code deploys}, read with {@code FINAL}).
 */
public final class ChangeFailureRateEndpoint implements Endpoint {
  private static final Route ROUTE =
      Route.metric("/delivery/change-failure-rate", "change_failure_rate", "ratio")
          .summary("Change failure rate")
          .description(
              "Deploys that failed (failure, rolled_back) or caused an incident, divided by all"
                  + " deploys, per period of their finish time (tz). `inferred`: of the failed,"
                  + " those that only an inferred attribution makes failed (an incident that named"
                  + " no deploy, attributed to the service's last successful production deploy"
                  + " within 24 hours before it opened). Deploys to the production set (setting"
                  + " metrics.production-environments) unless `environment` names others; the"
                  + " answer's `environments` says which were counted.")
          .parameters(Params.TEAM, Params.SERVICE, Params.ENVIRONMENT)
          .groupBy("team", "service")
          .countMeans("deploys in the period")
          .field(Field.integer("failed", "deploys that failed or caused an incident"))
          .field(Field.number("rate", "failed / count, 0 to 1"))
          .field(
              Field.integer(
                  "inferred",
                  "deploys counted as failed only through an inferred incident attribution"))
          .extra("environments", Delivery.ENVIRONMENTS_SCHEMA)
          .build();

  private final ClickHouse clickhouse;
  private final List<String> production;

  public ChangeFailureRateEndpoint(ClickHouse clickhouse, List<String> productionEnvironments) {
    this.clickhouse = clickhouse;
    this.production = List.copyOf(productionEnvironments);
  }

  @Override
  public Route route() {
    return ROUTE;
  }

  @Override
  public Answer answer(Request request) {
    String failed = "(failed = 1 OR caused_incident = 1)";
    String sql =
        MetricSql.from(clickhouse.table(DeploymentsEndpoint.TABLE))
            .finalRows()
            .period(request.granularity(), "finished_at", request.zone())
            .key(request.groupBy())
            .aggregate("count", "count()")
            .aggregate(Delivery.FAILED_ALIAS, "countIf" + failed)
            .aggregate("rate", "countIf" + failed + " / count()")
            .aggregate(
                "inferred", "countIf(caused_incident = 1 AND incident_inferred = 1 AND failed = 0)")
            .where(request.range().sqlCondition("finished_at", "finished_ms"))
            .where(Delivery.environmentCondition(request, production))
            .whereIn("team", request.get(Params.TEAM))
            .whereIn("service", request.get(Params.SERVICE))
            .sql();
    return Answer.of(Delivery.rows(clickhouse.queryRows(sql), request))
        .with("environments", Delivery.environments(request, production));
  }
}
