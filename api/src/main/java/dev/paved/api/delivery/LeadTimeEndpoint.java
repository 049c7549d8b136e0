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
 * {@code GET /api/v1/delivery/lead-time} (metrics.md §1): per period of the deploy, the lead time
 * of each change first shipped by a successful production deploy ({@code change_lead_times}, one
 * row per change, read with {@code FINAL}): count, R-7 median and p90, mean, in seconds.
 */
public final class LeadTimeEndpoint implements Endpoint {
  static final String TABLE = "change_lead_times";

  /**
   * The rows that count: a commit of a pull request shipped by its sha is written superseded by the
   * pull request, which counts that work instead.
   */
  static final String COUNTED = "superseded_by = ''";

  private static final Route ROUTE =
      Route.metric("/delivery/lead-time", "lead_time", "seconds")
          .summary("Lead time for changes")
          .description(
              "For each change that reached production: the finish time of the first successful"
                  + " production deploy that shipped it minus the change's time, in the period of"
                  + " that deploy (tz). A change shipped again later counts once. Lead time is"
                  + " measured to production only: `environment` may name only environments of"
                  + " the production set (setting metrics.production-environments) and then keeps"
                  + " the changes first shipped to those; any other environment is a 400.")
          .parameters(Params.TEAM, Params.SERVICE, Params.ENVIRONMENT)
          .groupBy("team", "service")
          .countMeans("changes first shipped to production in the period")
          .field(Field.number("median", "seconds, exact (R-7)"))
          .field(Field.number("p90", "seconds, exact (R-7)"))
          .field(Field.number("mean", "seconds"))
          .build();

  private final ClickHouse clickhouse;
  private final List<String> production;

  public LeadTimeEndpoint(ClickHouse clickhouse, List<String> productionEnvironments) {
    this.clickhouse = clickhouse;
    this.production = List.copyOf(productionEnvironments);
  }

  @Override
  public Route route() {
    return ROUTE;
  }

  @Override
  public Answer answer(Request request) {
    List<String> environments = Delivery.productionSubset(request, production);
    MetricSql sql =
        MetricSql.from(clickhouse.table(TABLE))
            .finalRows()
            .period(request.granularity(), "deployed_at", request.zone())
            .key(request.groupBy())
            .aggregate("count", "count()")
            .aggregate("median", MetricSql.percentile("lead_time_seconds", 0.5))
            .aggregate("p90", MetricSql.percentile("lead_time_seconds", 0.9))
            .aggregate("mean", "avg(lead_time_seconds)")
            .where(request.range().sqlCondition("deployed_at", "deployed_ms"))
            .where(COUNTED);
    whereShippedTo(sql, clickhouse, environments);
    sql.whereIn("team", request.get(Params.TEAM)).whereIn("service", request.get(Params.SERVICE));
    return Answer.of(Delivery.rows(clickhouse.queryRows(sql.sql()), request));
  }

  /** Keeps the changes whose first production deploy went to one of {@code environments}. */
  static void whereShippedTo(MetricSql sql, ClickHouse clickhouse, List<String> environments) {
    if (!environments.isEmpty()) {
      sql.where(
          "deploy_id IN (SELECT deploy_id FROM "
              + clickhouse.table(DeploymentsEndpoint.TABLE)
              + " FINAL WHERE "
              + MetricSql.in("environment", environments)
              + ")");
    }
  }
}
