package dev.paved.api.scorecard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.query.MetricSql;
import dev.paved.api.query.QueryParameters;
import dev.paved.api.query.TimeRange;
import dev.paved.api.route.Endpoint;
import dev.paved.api.route.Request;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.SqlLiteral;
import dev.paved.config.ScorecardTargets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The scorecard's values: each metric asked of the endpoint that serves it (a request scoped to one
 * period and the team), so both always say the same. Two small queries of its own: the golden-path
 * share, which no other endpoint serves, and the survey questions' scales, which the survey targets
 * are set on. Then each value beside the previous period's, its target and status.
 */
final class Scorecard {
  static final List<String> METRICS =
      List.of(
          "deployment_frequency",
          "lead_time",
          "change_failure_rate",
          "recovery_time",
          "onboarding_first_change",
          "onboarding_first_deploy",
          "onboarding_tenth_change",
          "abandonment_rate",
          "survey_mean",
          "ticket_load",
          "golden_path_share");

  /** How close to its target a value may miss and still be "near": 10% of the target. */
  static final double NEAR = 0.10;

  /** One metric's value over one period and what it rests on; value null without data. */
  record Measure(Double value, long count, String level) {
    static final Measure NONE = new Measure(null, 0, null);
  }

  /** One row of the scorecard. */
  record Line(
      String metric,
      String question,
      String unit,
      boolean higherIsBetter,
      double target,
      Measure current,
      Measure previous,
      Boolean changeSignificant) {

    String status() {
      if (current.value() == null) {
        return null;
      }
      return status(current.value(), target, higherIsBetter);
    }

    static String status(double value, double target, boolean higherIsBetter) {
      if (higherIsBetter ? value >= target : value <= target) {
        return "met";
      }
      double slack = Math.abs(target) * NEAR;
      boolean near = higherIsBetter ? value >= target - slack : value <= target + slack;
      return near ? "near" : "missed";
    }

    ObjectNode row(LocalDate period) {
      ObjectNode row = JsonNodeFactory.instance.objectNode();
      row.put("period", period.toString());
      row.put("count", current.count());
      row.put("metric", metric);
      text(row, "question", question);
      row.put("unit", unit);
      number(row, "value", current.value());
      number(row, "previous", previous.value());
      row.put("previous_count", previous.count());
      number(
          row,
          "change",
          current.value() == null || previous.value() == null
              ? null
              : current.value() - previous.value());
      row.put("target", target);
      row.put("better", higherIsBetter ? "higher" : "lower");
      text(row, "status", status());
      text(row, "level", current.level());
      if (changeSignificant == null) {
        row.putNull("change_significant");
      } else {
        row.put("change_significant", changeSignificant);
      }
      return row;
    }

    private static void number(ObjectNode row, String name, Double value) {
      if (value == null) {
        row.putNull(name);
      } else {
        row.put(name, value);
      }
    }

    private static void text(ObjectNode row, String name, String value) {
      if (value == null) {
        row.putNull(name);
      } else {
        row.put(name, value);
      }
    }
  }

  private final ClickHouse clickhouse;
  private final ScorecardTargets targets;
  private final Endpoint levels;
  private final Endpoint onboarding;
  private final Endpoint abandonment;
  private final Endpoint surveys;
  private final Endpoint tickets;
  private final Endpoint activity;

  /** The endpoints whose values the scorecard shows, asked per period. */
  record Sources(
      Endpoint levels,
      Endpoint onboarding,
      Endpoint abandonment,
      Endpoint surveys,
      Endpoint tickets,
      Endpoint activity) {}

  Scorecard(ClickHouse clickhouse, ScorecardTargets targets, Sources sources) {
    this.clickhouse = clickhouse;
    this.targets = targets;
    this.levels = sources.levels();
    this.onboarding = sources.onboarding();
    this.abandonment = sources.abandonment();
    this.surveys = sources.surveys();
    this.tickets = sources.tickets();
    this.activity = sources.activity();
  }

  List<Line> lines(Request request, List<String> teams, TimeRange current, TimeRange previous) {
    Map<String, Measure> keysNow = keys(ask(levels, request, teams, current));
    Map<String, Measure> keysBefore = keys(ask(levels, request, teams, previous));
    Map<String, Measure> joinedNow = onboarding(ask(onboarding, request, teams, current));
    Map<String, Measure> joinedBefore = onboarding(ask(onboarding, request, teams, previous));
    List<Line> lines = new ArrayList<>();
    lines.add(
        line(
            "deployment_frequency",
            "deploys per day",
            true,
            targets.deploymentFrequency(),
            keysNow,
            keysBefore));
    lines.add(line("lead_time", "seconds", false, targets.leadTimeSeconds(), keysNow, keysBefore));
    lines.add(
        line(
            "change_failure_rate",
            "fraction",
            false,
            targets.changeFailureRate(),
            keysNow,
            keysBefore));
    lines.add(
        line(
            "recovery_time", "seconds", false, targets.recoveryTimeSeconds(), keysNow, keysBefore));
    lines.add(
        line(
            "onboarding_first_change",
            "seconds",
            false,
            targets.firstChangeSeconds(),
            joinedNow,
            joinedBefore));
    lines.add(
        line(
            "onboarding_first_deploy",
            "seconds",
            false,
            targets.firstDeploySeconds(),
            joinedNow,
            joinedBefore));
    lines.add(
        line(
            "onboarding_tenth_change",
            "seconds",
            false,
            targets.tenthChangeSeconds(),
            joinedNow,
            joinedBefore));
    lines.add(
        new Line(
            "abandonment_rate",
            null,
            "fraction",
            false,
            targets.abandonmentRate(),
            abandonment(ask(abandonment, request, teams, current)),
            abandonment(ask(abandonment, request, teams, previous)),
            null));
    lines.addAll(
        surveyLines(ask(surveys, request, teams, current), ask(surveys, request, teams, previous)));
    lines.add(
        new Line(
            "ticket_load",
            null,
            "tickets per 100 active developers",
            false,
            targets.ticketLoad(),
            ticketLoad(
                ask(tickets, request, teams, current), ask(activity, request, teams, current)),
            ticketLoad(
                ask(tickets, request, teams, previous), ask(activity, request, teams, previous)),
            null));
    lines.add(
        new Line(
            "golden_path_share",
            null,
            "fraction",
            true,
            targets.goldenPathShare(),
            goldenPath(teams, current),
            goldenPath(teams, previous),
            null));
    return lines;
  }

  /**
   * The rows {@code endpoint} answers for {@code range}, the request's granularity and zone and the
   * team, as if it had been asked over HTTP (the same parser, so the same defaults).
   */
  private static List<ObjectNode> ask(
      Endpoint endpoint, Request request, List<String> teams, TimeRange range) {
    Map<String, List<String>> query = new HashMap<>();
    query.put("granularity", List.of(request.granularity().wireName()));
    query.put("tz", List.of(request.zone().getId()));
    if (!teams.isEmpty()) {
      query.put("team", teams);
    }
    QueryParameters parameters = QueryParameters.parse(query, endpoint.route().parameters());
    return endpoint.answer(new Request(endpoint.route(), parameters, range, request.asOf())).rows();
  }

  private static Line line(
      String metric,
      String unit,
      boolean higherIsBetter,
      double target,
      Map<String, Measure> now,
      Map<String, Measure> before) {
    return new Line(
        metric,
        null,
        unit,
        higherIsBetter,
        target,
        now.getOrDefault(metric, Measure.NONE),
        before.getOrDefault(metric, Measure.NONE),
        null);
  }

  /** The four keys as {@code /delivery/levels} grades them over the period (one group). */
  private static Map<String, Measure> keys(List<ObjectNode> rows) {
    Map<String, Measure> found = new HashMap<>();
    for (JsonNode row : rows) {
      found.put(
          row.path("key").asText(),
          new Measure(
              number(row.path("value")),
              row.path("count").asLong(),
              row.path("level").isNull() ? null : row.path("level").asText()));
    }
    return found;
  }

  /**
   * The Kaplan–Meier median per milestone of the developers who joined in the period ({@code
   * /onboarding/developers}: one cohort, as the period is one granularity step).
   */
  private static Map<String, Measure> onboarding(List<ObjectNode> rows) {
    Map<String, Measure> found = new HashMap<>();
    for (JsonNode row : rows) {
      found.put(
          "onboarding_" + row.path("milestone").asText(),
          new Measure(number(row.path("median")), row.path("count").asLong(), null));
    }
    return found;
  }

  /** Abandoned / started over every feature ({@code /workflows/abandonment}'s rows summed). */
  private static Measure abandonment(List<ObjectNode> rows) {
    long started = 0;
    long abandoned = 0;
    for (JsonNode row : rows) {
      started += row.path("count").asLong();
      abandoned += row.path("abandoned").asLong();
    }
    return started == 0 ? Measure.NONE : new Measure((double) abandoned / started, started, null);
  }

  /**
   * One line per survey question answered in either period: the mean ({@code /surveys}), its Welch
   * flag, and the target as a share of the question's scale from its worse end.
   */
  private List<Line> surveyLines(List<ObjectNode> now, List<ObjectNode> before) {
    Map<String, JsonNode> current = byQuestion(now);
    Map<String, JsonNode> previous = byQuestion(before);
    TreeSet<String> questions = new TreeSet<>(current.keySet());
    questions.addAll(previous.keySet());
    if (questions.isEmpty()) {
      return List.of();
    }
    Map<String, double[]> scales = new HashMap<>();
    for (JsonNode row :
        clickhouse.queryRows(
            "SELECT question, min(scale_min) AS low, max(scale_max) AS high FROM "
                + clickhouse.table("survey_answers")
                + " FINAL WHERE "
                + MetricSql.in("question", questions)
                + " GROUP BY question")) {
      scales.put(
          row.path("question").asText(),
          new double[] {row.path("low").asDouble(), row.path("high").asDouble()});
    }
    List<Line> lines = new ArrayList<>();
    for (String question : questions) {
      boolean lowerIsBetter = targets.surveyLowerIsBetter().contains(question);
      double[] scale = scales.get(question);
      double span = (scale[1] - scale[0]) * targets.surveyShare();
      JsonNode row = current.get(question);
      lines.add(
          new Line(
              "survey_mean",
              question,
              "score",
              !lowerIsBetter,
              lowerIsBetter ? scale[1] - span : scale[0] + span,
              mean(row),
              mean(previous.get(question)),
              row == null ? null : row.path("change_significant").asBoolean()));
    }
    return lines;
  }

  private static Map<String, JsonNode> byQuestion(List<ObjectNode> rows) {
    Map<String, JsonNode> found = new LinkedHashMap<>();
    for (JsonNode row : rows) {
      found.put(row.path("question").asText(), row);
    }
    return found;
  }

  private static Measure mean(JsonNode row) {
    return row == null
        ? Measure.NONE
        : new Measure(number(row.path("mean")), row.path("count").asLong(), null);
  }

  /**
   * Tickets opened per 100 active developers ({@code /tickets}): its rows share one denominator,
   * the developers active in the period, so their {@code per_100_active_developers} add up. Without
   * a ticket it is 0 when {@code /activity} saw any developer, else there is no value.
   */
  private static Measure ticketLoad(List<ObjectNode> rows, List<ObjectNode> activity) {
    long opened = 0;
    double load = 0;
    boolean known = false;
    for (JsonNode row : rows) {
      opened += row.path("opened").asLong();
      if (row.path("per_100_active_developers").isNumber()) {
        load += row.path("per_100_active_developers").asDouble();
        known = true;
      }
    }
    if (known) {
      return new Measure(load, opened, null);
    }
    boolean developers = activity.stream().anyMatch(r -> r.path("actors").asLong() > 0);
    return developers && opened == 0 ? new Measure(0.0, 0, null) : Measure.NONE;
  }

  /**
   * Services seen in any event in the period (of the team, when one is named), and the share of
   * them without a deviation active at the period's end: for some component, the latest deviation
   * event before the end that names the service (and the team) is not {@code ended}. Read from the
   * raw events, so any past period is answered as it was then, not as the clusters stand now.
   */
  private Measure goldenPath(List<String> teams, TimeRange range) {
    String events = clickhouse.table("events");
    String team = teams.isEmpty() ? "" : " AND " + MetricSql.in("team", teams);
    String sql =
        "SELECT count() AS services, countIf(service IN (SELECT service FROM (SELECT service,"
            + " argMax(action, toUInt64(time) * 1000 + time_ms) AS last_action FROM "
            + events
            + " FINAL WHERE type = 'deviation' AND service != '' AND toUInt64(time) * 1000 +"
            + " time_ms < "
            + SqlLiteral.integer(range.to().toEpochMilli())
            + team
            + " GROUP BY team, service, visitParamExtractString(payload, 'component'))"
            + " WHERE last_action != 'ended')) AS deviated FROM (SELECT DISTINCT service FROM "
            + events
            + " FINAL WHERE service != '' AND "
            + range.sqlCondition("time", "time_ms")
            + team
            + ")";
    JsonNode row = clickhouse.queryRows(sql).get(0);
    long services = row.path("services").asLong();
    if (services == 0) {
      return Measure.NONE;
    }
    long onPath = services - row.path("deviated").asLong();
    return new Measure((double) onPath / services, services, null);
  }

  private static Double number(JsonNode value) {
    return value.isNumber() ? value.asDouble() : null;
  }
}
