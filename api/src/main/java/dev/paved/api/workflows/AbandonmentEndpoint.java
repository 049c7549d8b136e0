package dev.paved.api.workflows;

import dev.paved.api.query.MetricSql;
import dev.paved.api.query.Params;
import dev.paved.api.route.Answer;
import dev.paved.api.route.Endpoint;
import dev.paved.api.route.Field;
import dev.paved.api.route.Request;
import dev.paved.api.route.Route;
import dev.paved.clickhouse.ClickHouse;

/**
 * {@code GET /api/v1/workflows/abandonment} (metrics.md §3): per period of the attempts' start and
 * feature, the workflow attempts started and how many of them are completed, abandoned (24 hours
 * without an event of the run, never completed) and still open; rate = abandoned / started ({@code
 * workflow_attempts}, one row per run, read with {@code FINAL}).
 */
public final class AbandonmentEndpoint implements Endpoint {

  private static final Route ROUTE =
      Route.metric("/workflows/abandonment", "workflow_abandonment", "attempts")
          .summary("Workflow abandonment rate")
          .description(
              "Per period of the attempt's first event (tz) and feature: attempts started (all"
                  + " usage events of one run_id), how many completed, were abandoned (no event"
                  + " of the run for 24 hours, setting jobs.workflow-inactivity-hours, and never"
                  + " completed) or are still open, and rate = abandoned / started. A run revived"
                  + " by a later event is no longer abandoned. Attempts counted by the team of"
                  + " their started event.")
          .parameters(Params.TEAM, Workflows.FEATURE)
          .groupBy("team")
          .countMeans("workflow attempts started in the period")
          .field(Field.string("feature", "the platform feature"))
          .field(Field.integer("completed", "attempts completed"))
          .field(Field.integer("abandoned", "attempts abandoned"))
          .field(Field.integer("open", "attempts neither completed nor abandoned yet"))
          .field(Field.number("rate", "abandoned / count, 0 to 1"))
          .build();

  private final ClickHouse clickhouse;

  public AbandonmentEndpoint(ClickHouse clickhouse) {
    this.clickhouse = clickhouse;
  }

  @Override
  public Route route() {
    return ROUTE;
  }

  @Override
  public Answer answer(Request request) {
    String sql =
        MetricSql.from(clickhouse.table(Workflows.ATTEMPTS))
            .finalRows()
            .period(request.granularity(), "started_at", request.zone())
            .key("feature")
            .key(request.groupBy())
            .aggregate("count", "count()")
            .aggregate("completed", "countIf(status = 'completed')")
            .aggregate("abandoned", "countIf(status = 'abandoned')")
            .aggregate("open", "countIf(status = 'open')")
            .aggregate("rate", "countIf(status = 'abandoned') / count()")
            .where(request.range().sqlCondition("started_at", "started_ms"))
            .whereIn("team", request.get(Params.TEAM))
            .whereIn("feature", request.get(Workflows.FEATURE))
            .sql();
    return Answer.of(Workflows.rows(clickhouse.queryRows(sql), request));
  }
}
