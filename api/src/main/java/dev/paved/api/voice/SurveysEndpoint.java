package dev.paved.api.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.query.Granularity;
import dev.paved.api.query.MetricSql;
import dev.paved.api.query.Param;
import dev.paved.api.query.Params;
import dev.paved.api.query.TimeRange;
import dev.paved.api.route.Answer;
import dev.paved.api.route.Endpoint;
import dev.paved.api.route.Field;
import dev.paved.api.route.Request;
import dev.paved.api.route.Route;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.metrics.SurveyScores;
import dev.paved.metrics.SurveyScores.Sample;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/surveys} (metrics.md §5, survey scores): per period of the answer, question
 * and (with {@code group_by=team}) team, the responses, their mean with its 95% Student-t
 * confidence interval, the net promoter score for the question {@code nps}, and whether the mean
 * changed significantly from the period before (Welch's t-test at 5%). SQL sums the answers of
 * {@code survey_answers} ({@code FINAL}); {@link SurveyScores} does the statistics. The period
 * before the first one is read too, so the first row's change is tested as well.
 */
public final class SurveysEndpoint implements Endpoint {
  static final String TABLE = "survey_answers";

  static final Param<List<String>> QUESTION =
      Param.slugs("question", "Only these questions (repeatable, or comma-separated slugs).");

  private static final Route ROUTE =
      Route.metric("/surveys", "survey_scores", "score")
          .summary("Survey scores")
          .description(
              "Per period of the answer (tz), question and optionally team: responses, mean on the"
                  + " question's own scale with its 95% confidence interval (Student's t, null"
                  + " for fewer than two responses), the net promoter score for the question"
                  + " `nps` (promoters 9-10 minus detractors 0-6 on 0-10, in % of responses;"
                  + " scores on other scales mapped linearly to 0-10), and whether the mean"
                  + " differs from the previous period's by Welch's two-sample t-test at 5%"
                  + " (false when either period has fewer than two responses). Anonymous"
                  + " answers count like any other.")
          .parameters(Params.TEAM, QUESTION)
          .groupBy("team")
          .countMeans("responses in the period")
          .field(Field.string("question", "the question's slug"))
          .field(Field.number("mean", "mean score, on the question's scale"))
          .field(Field.number("ci_low", "95% confidence interval of the mean, low end"))
          .field(Field.number("ci_high", "95% confidence interval of the mean, high end"))
          .field(Field.number("nps", "net promoter score (-100 to 100), for `nps` only"))
          .field(
              Field.bool("change_significant", "the mean differs from the previous period's at 5%"))
          .build();

  private final ClickHouse clickhouse;

  public SurveysEndpoint(ClickHouse clickhouse) {
    this.clickhouse = clickhouse;
  }

  @Override
  public Route route() {
    return ROUTE;
  }

  @Override
  public Answer answer(Request request) {
    Granularity granularity = request.granularity();
    TimeRange range = request.range();
    LocalDate first = Periods.of(granularity, range.from(), request.zone());
    TimeRange before =
        new TimeRange(
            Periods.previous(granularity, first).atStartOfDay(request.zone()).toInstant(),
            first.atStartOfDay(request.zone()).toInstant());
    String sql =
        MetricSql.from(clickhouse.table(TABLE))
            .finalRows()
            .period(granularity, "answered_at", request.zone())
            .key(request.groupBy())
            .key("question")
            .aggregate("count", "count()")
            .aggregate("total", "sum(score)")
            .aggregate("squares", "sum(score * score)")
            .aggregate("promoters", "countIf(nps_score >= 9)")
            .aggregate("detractors", "countIf(nps_score <= 6)")
            .where(
                range.sqlCondition("answered_at", "answered_ms")
                    + " OR "
                    + before.sqlCondition("answered_at", "answered_ms"))
            .whereIn("team", request.get(Params.TEAM))
            .whereIn("question", request.get(QUESTION))
            .sql();
    String group = request.groupBy().orElse(null);
    Map<List<String>, Sample> samples = new HashMap<>();
    List<JsonNode> found = clickhouse.queryRows(sql);
    for (JsonNode row : found) {
      samples.put(key(row, row.path("period").asText(), group), sample(row));
    }
    List<ObjectNode> rows = new ArrayList<>();
    for (JsonNode row : found) {
      LocalDate period = LocalDate.parse(row.path("period").asText());
      if (period.isBefore(first)) {
        continue;
      }
      Sample sample = sample(row);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.put("period", period.toString());
      if (group != null) {
        String value = row.path(group).asText();
        if (value.isEmpty()) {
          out.putNull(group);
        } else {
          out.put(group, value);
        }
      }
      out.put("question", row.path("question").asText());
      out.put("count", sample.n());
      out.put("mean", sample.mean());
      sample
          .confidenceInterval()
          .ifPresentOrElse(
              ci -> {
                out.put("ci_low", ci[0]);
                out.put("ci_high", ci[1]);
              },
              () -> {
                out.putNull("ci_low");
                out.putNull("ci_high");
              });
      if (row.path("question").asText().equals("nps")) {
        out.put(
            "nps",
            SurveyScores.netPromoterScore(
                    sample.n(), row.path("promoters").asLong(), row.path("detractors").asLong())
                .orElseThrow());
      } else {
        out.putNull("nps");
      }
      Sample previous =
          samples.get(key(row, Periods.previous(granularity, period).toString(), group));
      out.put(
          "change_significant",
          previous != null && SurveyScores.changeSignificant(previous, sample));
      rows.add(out);
    }
    return Answer.of(rows);
  }

  private static List<String> key(JsonNode row, String period, String group) {
    return List.of(
        period, group == null ? "" : row.path(group).asText(), row.path("question").asText());
  }

  private static Sample sample(JsonNode row) {
    return new Sample(
        row.path("count").asLong(), row.path("total").asDouble(), row.path("squares").asDouble());
  }
}
