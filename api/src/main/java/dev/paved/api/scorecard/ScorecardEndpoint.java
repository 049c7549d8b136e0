package dev.paved.api.scorecard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.activity.ActivityEndpoint;
import dev.paved.api.delivery.PerformanceLevelsEndpoint;
import dev.paved.api.http.Problem;
import dev.paved.api.onboarding.DeveloperOnboardingEndpoint;
import dev.paved.api.query.Granularity;
import dev.paved.api.query.Params;
import dev.paved.api.query.TimeRange;
import dev.paved.api.route.Answer;
import dev.paved.api.route.Endpoint;
import dev.paved.api.route.Field;
import dev.paved.api.route.Request;
import dev.paved.api.route.Route;
import dev.paved.api.voice.SurveysEndpoint;
import dev.paved.api.voice.TicketsEndpoint;
import dev.paved.api.workflows.AbandonmentEndpoint;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.config.ScorecardTargets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/scorecard} (metrics.md §6): one team's or the organisation's metrics for one
 * period beside the period before, each against its target (settings {@code scorecard.*}) as met,
 * near (within 10% of the target, on the wrong side) or missed. The period is the one (at the
 * request's granularity and zone) that holds the last instant of the range, ended at {@code to}
 * when {@code to} falls inside it; the previous period is the whole one before. Every value comes
 * from the endpoint that serves the metric on its own, asked for that period ({@link Scorecard}),
 * so the scorecard and the detailed pages never disagree.
 */
public final class ScorecardEndpoint implements Endpoint {
  private static final Route ROUTE =
      Route.metric("/scorecard", "scorecard", "mixed")
          .summary("Scorecard: one team or the organisation against its targets")
          .description(
              "For the period (granularity, tz) holding the range's last instant, ended at `to`"
                  + " when `to` falls inside it (top-level `periods` gives both periods' bounds"
                  + " and whether the current one is complete), and the whole period before:"
                  + " the four DORA keys with their levels, the Kaplan–Meier median onboarding"
                  + " time to each milestone of the developers who joined in the period, the"
                  + " workflow abandonment rate, the mean of each survey question, tickets per"
                  + " 100 active developers and the share of services on the golden path (seen"
                  + " in events in the period, no deviation active at its end). Each row has"
                  + " its value, the previous period's, the change (value - previous), the"
                  + " target (settings scorecard.*) and the status: met, near (within 10% of the"
                  + " target) or missed, direction-aware (`better`). `team` names one team;"
                  + " without it, the organisation. `from` does not change the answer.")
          .parameters(Params.TEAM)
          .countMeans(
              "what the value rests on: deploys, changes, incidents, developers joined,"
                  + " attempts started, responses, tickets opened or services")
          .field(Field.choice("metric", "the metric", Scorecard.METRICS))
          .field(Field.string("question", "the survey question (survey_mean only)"))
          .field(Field.string("unit", "the value's unit"))
          .field(Field.number("value", "the period's value; null without data"))
          .field(Field.number("previous", "the previous period's value; null without data"))
          .field(Field.integer("previous_count", "what the previous value rests on"))
          .field(Field.number("change", "value - previous; null when either is null"))
          .field(Field.number("target", "the target (settings scorecard.*)"))
          .field(Field.choice("better", "which way is better", List.of("higher", "lower")))
          .field(
              Field.choice(
                  "status",
                  "met; near: within 10% of the target; missed; null without a value",
                  List.of("met", "near", "missed")))
          .field(
              Field.choice(
                  "level",
                  "the DORA level (the four keys only)",
                  List.of("elite", "high", "medium", "low")))
          .field(
              Field.bool(
                  "change_significant",
                  "survey_mean only: the mean differs from the previous period's (Welch, 5%)"))
          .extra(
              "periods",
              Map.of(
                  "type",
                  "object",
                  "description",
                  "current and previous: {period, from, to}; current.complete is false while"
                      + " `to` cuts the current period short"))
          .build();

  private final Scorecard scorecard;

  public ScorecardEndpoint(
      ClickHouse clickhouse, List<String> productionEnvironments, ScorecardTargets targets) {
    this.scorecard =
        new Scorecard(
            clickhouse,
            targets,
            new Scorecard.Sources(
                new PerformanceLevelsEndpoint(clickhouse, productionEnvironments),
                new DeveloperOnboardingEndpoint(clickhouse),
                new AbandonmentEndpoint(clickhouse),
                new SurveysEndpoint(clickhouse),
                new TicketsEndpoint(clickhouse),
                new ActivityEndpoint(clickhouse)));
  }

  @Override
  public Route route() {
    return ROUTE;
  }

  @Override
  public Answer answer(Request request) {
    List<String> teams = request.get(Params.TEAM);
    if (teams.size() > 1) {
      throw Problem.invalidParam(
          "team", "give one team, or none for the organisation (got " + teams.size() + ")");
    }
    Granularity granularity = request.granularity();
    ZoneId zone = request.zone();
    Instant to = request.range().to();
    LocalDate label = granularity.start(to.minusMillis(1).atZone(zone).toLocalDate());
    Instant start = label.atStartOfDay(zone).toInstant();
    Instant naturalEnd = granularity.plus(label, 1).atStartOfDay(zone).toInstant();
    Instant end = naturalEnd.isAfter(to) ? to : naturalEnd;
    LocalDate previousLabel = granularity.plus(label, -1);
    TimeRange current = new TimeRange(start, end);
    TimeRange previous = new TimeRange(previousLabel.atStartOfDay(zone).toInstant(), start);

    List<ObjectNode> rows = new ArrayList<>();
    for (Scorecard.Line line : scorecard.lines(request, teams, current, previous)) {
      rows.add(line.row(label));
    }
    Map<String, Object> periods = new LinkedHashMap<>();
    periods.put("current", period(label, current, zone, end.equals(naturalEnd)));
    periods.put("previous", period(previousLabel, previous, zone, true));
    return Answer.of(rows).with("periods", periods);
  }

  private static Map<String, Object> period(
      LocalDate label, TimeRange range, ZoneId zone, boolean complete) {
    Map<String, Object> period = new LinkedHashMap<>();
    period.put("period", label.toString());
    period.put("from", TimeRange.format(range.from(), zone));
    period.put("to", TimeRange.format(range.to(), zone));
    period.put("complete", complete);
    return period;
  }
}
