package dev.paved.api.delivery;

import dev.paved.api.query.Granularity;
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
 * {@code GET /api/v1/delivery/deployments} (metrics.md §1, deployment frequency): per period of the
 * deploy's finish, the successful deploys to the counted environments ({@code deploys}, read with
 * {@code FINAL}), the distinct days (in tz) with at least one, and the failed ones beside them.
 */
public final class DeploymentsEndpoint implements Endpoint {
  static final String TABLE = "deploys";

  private static final Route ROUTE =
      Route.metric("/delivery/deployments", "deployments", "deploys")
          .summary("Deployment frequency")
          .description(
              "Successful deploys per period of their finish time (tz), the distinct days (in tz)"
                  + " with at least one, and the failed (failure, rolled_back) deploys. Deploys to"
                  + " the production set (setting metrics.production-environments) unless"
                  + " `environment` names others; the answer's `environments` says which were"
                  + " counted. A period with only failed deploys has a row with count 0.")
          .parameters(Params.TEAM, Params.SERVICE, Params.ENVIRONMENT)
          .groupBy("team", "service")
          .countMeans("successful deploys in the period")
          .field(Field.integer("deploy_days", "distinct days (in tz) with a successful deploy"))
          .field(Field.integer("failed", "deploys that failed or were rolled back"))
          .extra("environments", Delivery.ENVIRONMENTS_SCHEMA)
          .build();

  private final ClickHouse clickhouse;
  private final List<String> production;

  public DeploymentsEndpoint(ClickHouse clickhouse, List<String> productionEnvironments) {
    this.clickhouse = clickhouse;
    this.production = List.copyOf(productionEnvironments);
  }

  @Override
  public Route route() {
    return ROUTE;
  }

  @Override
  public Answer answer(Request request) {
    String day = Granularity.DAY.bucket("finished_at", request.zone());
    String sql =
        MetricSql.from(clickhouse.table(TABLE))
            .finalRows()
            .period(request.granularity(), "finished_at", request.zone())
            .key(request.groupBy())
            .aggregate("count", "countIf(status = 'success')")
            .aggregate("deploy_days", "uniqExactIf(" + day + ", status = 'success')")
            .aggregate(Delivery.FAILED_ALIAS, "countIf(failed = 1)")
            .where(request.range().sqlCondition("finished_at", "finished_ms"))
            .where(Delivery.environmentCondition(request, production))
            .whereIn("team", request.get(Params.TEAM))
            .whereIn("service", request.get(Params.SERVICE))
            .sql();
    return Answer.of(Delivery.rows(clickhouse.queryRows(sql), request))
        .with("environments", Delivery.environments(request, production));
  }
}
