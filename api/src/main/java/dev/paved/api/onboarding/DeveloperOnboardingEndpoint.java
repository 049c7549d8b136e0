package dev.paved.api.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.query.MetricSql;
import dev.paved.api.query.Params;
import dev.paved.api.route.Answer;
import dev.paved.api.route.Endpoint;
import dev.paved.api.route.Field;
import dev.paved.api.route.Request;
import dev.paved.api.route.Route;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.metrics.KaplanMeier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code GET /api/v1/onboarding/developers} (metrics.md §2, developer onboarding time): per join
 * cohort (the period of {@code joined_at} in tz) and milestone, the developers joined, how many
 * reached it, how many are still onboarding, and the Kaplan–Meier median and p90 of the time to it
 * ({@code onboarding_milestones}, read with {@code FINAL}). Developers not at the milestone are
 * censored at the earlier of their leaving and the pipeline's event-time clock ({@code
 * as_of.event_time}), not the wall clock. The rows are fetched with SQL and estimated in Java.
 */
public final class DeveloperOnboardingEndpoint implements Endpoint {
  static final String TABLE = "onboarding_milestones";

  private static final List<String> MILESTONES =
      List.of("first_change", "first_deploy", "tenth_change");

  private static final Route ROUTE =
      Route.metric("/onboarding/developers", "developer_onboarding", "seconds")
          .summary("Developer onboarding time")
          .description(
              "Per join cohort (the period of the developer's join, tz) and milestone"
                  + " (first_change, first_deploy, tenth_change): developers joined, how many"
                  + " reached the milestone, how many are still onboarding (not reached, not"
                  + " left), and the Kaplan–Meier median and p90 of the time from joining to it,"
                  + " null when not reached. Developers without the milestone are censored at"
                  + " their leaving or at the event-time clock (as_of.event_time), whichever is"
                  + " earlier.")
          .parameters(Params.TEAM)
          .groupBy("team")
          .countMeans("developers who joined in the period")
          .field(Field.choice("milestone", "the milestone", MILESTONES))
          .field(Field.integer("reached", "developers who reached the milestone"))
          .field(
              Field.integer(
                  "still_onboarding", "developers not at the milestone who have not left"))
          .field(Field.number("median", "seconds, Kaplan–Meier; null when not reached"))
          .field(Field.number("p90", "seconds, Kaplan–Meier; null when not reached"))
          .build();

  private final ClickHouse clickhouse;

  public DeveloperOnboardingEndpoint(ClickHouse clickhouse) {
    this.clickhouse = clickhouse;
  }

  @Override
  public Route route() {
    return ROUTE;
  }

  @Override
  public Answer answer(Request request) {
    List<String> where = new ArrayList<>();
    where.add(request.range().sqlCondition("joined_at", "joined_ms"));
    List<String> teams = request.get(Params.TEAM);
    if (!teams.isEmpty()) {
      where.add(MetricSql.in("team", teams));
    }
    String sql =
        "SELECT toString("
            + request.granularity().bucket("joined_at", request.zone())
            + ") AS cohort, milestone, team,"
            + " toInt64(toUInt64(joined_at) * 1000 + joined_ms) AS joined,"
            + " if(reached_at IS NULL, NULL, toInt64(toUInt64(assumeNotNull(reached_at)) * 1000"
            + " + reached_ms)) AS reached,"
            + " if(left_at IS NULL, NULL, toInt64(toUInt64(assumeNotNull(left_at)) * 1000"
            + " + left_ms)) AS left_time"
            + " FROM "
            + clickhouse.table(TABLE)
            + " FINAL WHERE "
            + String.join(" AND ", where)
            + " ORDER BY cohort, team, milestone, id";
    Optional<Instant> clock = request.asOf().eventTime();
    boolean byTeam = request.groupBy().isPresent();
    Map<List<String>, List<JsonNode>> groups = new LinkedHashMap<>();
    for (JsonNode row : clickhouse.queryRows(sql)) {
      String team = byTeam ? row.path("team").asText() : "";
      groups
          .computeIfAbsent(
              List.of(row.path("cohort").asText(), team, row.path("milestone").asText()),
              key -> new ArrayList<>())
          .add(row);
    }
    List<ObjectNode> rows = new ArrayList<>();
    for (Map.Entry<List<String>, List<JsonNode>> group : groups.entrySet()) {
      rows.add(cohortRow(group.getKey(), group.getValue(), clock, byTeam));
    }
    rows.sort(
        java.util.Comparator.comparing((ObjectNode row) -> row.path("period").asText())
            .thenComparing(row -> MILESTONES.indexOf(row.path("milestone").asText())));
    return Answer.of(rows);
  }

  private static ObjectNode cohortRow(
      List<String> key, List<JsonNode> developers, Optional<Instant> clock, boolean byTeam) {
    List<KaplanMeier.Observation> observations = new ArrayList<>();
    int stillOnboarding = 0;
    for (JsonNode developer : developers) {
      long joined = developer.path("joined").asLong();
      if (!developer.path("reached").isNull()) {
        long reached = developer.path("reached").asLong();
        observations.add(new KaplanMeier.Observation(Math.max(0, reached - joined) / 1000.0, true));
        continue;
      }
      Long left =
          developer.path("left_time").isNull() ? null : developer.path("left_time").asLong();
      if (left == null) {
        stillOnboarding++;
      }
      long censoredAt =
          Math.min(
              left == null ? Long.MAX_VALUE : left,
              clock.map(Instant::toEpochMilli).orElse(left == null ? joined : Long.MAX_VALUE));
      observations.add(
          new KaplanMeier.Observation(Math.max(0, censoredAt - joined) / 1000.0, false));
    }
    KaplanMeier estimate = KaplanMeier.of(observations);
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    row.put("period", key.get(0));
    if (byTeam) {
      if (key.get(1).isEmpty()) {
        row.putNull("team");
      } else {
        row.put("team", key.get(1));
      }
    }
    row.put("milestone", key.get(2));
    row.put("count", developers.size());
    row.put("reached", estimate.reached());
    row.put("still_onboarding", stillOnboarding);
    putQuantile(row, "median", estimate.quantile(0.5));
    putQuantile(row, "p90", estimate.quantile(0.9));
    return row;
  }

  private static void putQuantile(ObjectNode row, String field, OptionalDouble value) {
    if (value.isPresent()) {
      row.put(field, value.getAsDouble());
    } else {
      row.putNull(field);
    }
  }
}
