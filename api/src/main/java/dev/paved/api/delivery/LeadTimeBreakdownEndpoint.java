package dev.paved.api.delivery;

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
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/delivery/lead-time-breakdown} (metrics.md §1): the four stages of the lead
 * time of changes that carry pull-request times, per period of the deploy: one row per period,
 * group and stage ({@code coding}, {@code pickup}, {@code review}, {@code deploy}, in that order),
 * each over the changes whose stage is known.
 */
public final class LeadTimeBreakdownEndpoint implements Endpoint {
  /** Each stage and its column in {@code change_lead_times}, in the order of the rows. */
  static final List<String> STAGES = List.of("coding", "pickup", "review", "deploy");

  private static final Route ROUTE =
      Route.metric("/delivery/lead-time-breakdown", "lead_time_breakdown", "seconds")
          .summary("Lead time by stage: coding, pickup, review, deploy")
          .description(
              "For changes that carry the pull-request times: coding (change time to PR opened),"
                  + " pickup (to first review), review (to merged) and deploy (to the first"
                  + " successful production deploy), in the period of that deploy (tz). One row per"
                  + " period, group and stage, stages in that order; a stage without values in a"
                  + " period has no row. `environment` as for /delivery/lead-time (production set"
                  + " only).")
          .parameters(Params.TEAM, Params.SERVICE, Params.ENVIRONMENT)
          .groupBy("team", "service")
          .countMeans("changes first shipped to production in the period whose stage is known")
          .field(Field.choice("stage", "lead time stage", STAGES))
          .field(Field.number("median", "seconds, exact (R-7)"))
          .field(Field.number("p90", "seconds, exact (R-7)"))
          .field(Field.number("mean", "seconds"))
          .build();

  private final ClickHouse clickhouse;
  private final List<String> production;

  public LeadTimeBreakdownEndpoint(ClickHouse clickhouse, List<String> productionEnvironments) {
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
    // One small query per stage; the framework's sort by period and group is stable, so within
    // them the rows keep the stage order.
    List<ObjectNode> rows = new ArrayList<>();
    for (String stage : STAGES) {
      String column = MetricSql.column(stage + "_seconds");
      String value = "assumeNotNull(" + column + ")";
      MetricSql sql =
          MetricSql.from(clickhouse.table(LeadTimeEndpoint.TABLE))
              .finalRows()
              .period(request.granularity(), "deployed_at", request.zone())
              .key(request.groupBy())
              .aggregate("stage", SqlLiteral.string(stage))
              .aggregate("count", "count()")
              .aggregate("median", MetricSql.percentile(value, 0.5))
              .aggregate("p90", MetricSql.percentile(value, 0.9))
              .aggregate("mean", "avg(" + value + ")")
              .where(request.range().sqlCondition("deployed_at", "deployed_ms"))
              .where(column + " IS NOT NULL")
              .where(LeadTimeEndpoint.COUNTED);
      LeadTimeEndpoint.whereShippedTo(sql, clickhouse, environments);
      sql.whereIn("team", request.get(Params.TEAM)).whereIn("service", request.get(Params.SERVICE));
      rows.addAll(Delivery.rows(clickhouse.queryRows(sql.sql()), request));
    }
    return Answer.of(rows);
  }
}
