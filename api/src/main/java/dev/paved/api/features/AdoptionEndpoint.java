package dev.paved.api.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.query.Granularity;
import dev.paved.api.query.MetricSql;
import dev.paved.api.query.Params;
import dev.paved.api.query.TimeRange;
import dev.paved.api.route.Answer;
import dev.paved.api.route.Endpoint;
import dev.paved.api.route.Field;
import dev.paved.api.route.Request;
import dev.paved.api.route.Route;
import dev.paved.api.workflows.Workflows;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.SqlLiteral;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /api/v1/features/adoption} (metrics.md §3): per period (tz) and feature, the
 * developers and teams who used it (any {@code usage} action), and the developers who churned: used
 * it in the 28 days before the last 28 days of the period and not in those last 28 days. The churn
 * windows are anchored at the period's end (or at {@code to} when that is earlier), so each row
 * answers "who stopped using it, as of the end of this period". Read from {@code feature_usage}
 * (one row per feature, developer and 15-minute slot of UTC, which every zone's period boundaries
 * fall on).
 */
public final class AdoptionEndpoint implements Endpoint {
  static final String TABLE = "feature_usage";

  /** The churn window: metrics.md's 28 days. */
  static final Duration WINDOW = Duration.ofDays(28);

  private static final Route ROUTE =
      Route.metric("/features/adoption", "feature_adoption", "developers")
          .summary("Feature adoption and churn")
          .description(
              "Per period (tz; weekly by default) and feature: active_developers and"
                  + " active_teams = distinct developers and teams with any usage event of the"
                  + " feature in the period; churned_developers = developers who used it in the 28"
                  + " days before the last 28 days of the period (ending at the period's end, or"
                  + " at `to` when earlier) and not in those last 28 days. count ="
                  + " active_developers.")
          .parameters(Params.TEAM, Workflows.FEATURE)
          .groupBy("team")
          .countMeans("developers who used the feature in the period")
          .field(Field.string("feature", "the platform feature"))
          .field(Field.integer("active_developers", "developers who used it in the period"))
          .field(Field.integer("active_teams", "teams whose developers used it in the period"))
          .field(
              Field.integer(
                  "churned_developers",
                  "used it in the 28-day window before the last 28 days of the period, not in"
                      + " those"))
          .build();

  private final ClickHouse clickhouse;

  public AdoptionEndpoint(ClickHouse clickhouse) {
    this.clickhouse = clickhouse;
  }

  @Override
  public Route route() {
    return ROUTE;
  }

  @Override
  public Answer answer(Request request) {
    Optional<String> group = request.groupBy();
    TreeMap<String, ObjectNode> rows = new TreeMap<>();
    for (JsonNode found : clickhouse.queryRows(activeSql(request))) {
      ObjectNode row = (ObjectNode) found;
      row.put("churned_developers", 0);
      rows.put(key(row, group), row);
    }
    for (JsonNode found : clickhouse.queryRows(churnSql(request))) {
      ObjectNode row =
          rows.computeIfAbsent(
              key(found, group),
              key -> {
                ObjectNode empty = JsonNodeFactory.instance.objectNode();
                empty.set("period", found.get("period"));
                group.ifPresent(column -> empty.set(column, found.get(column)));
                empty.put("count", 0);
                empty.set("feature", found.get("feature"));
                empty.put("active_developers", 0);
                empty.put("active_teams", 0);
                return empty;
              });
      row.set("churned_developers", found.get("churned_developers"));
    }
    return Answer.of(Workflows.rows(new ArrayList<>(rows.values()), request));
  }

  private static String key(JsonNode row, Optional<String> group) {
    return row.get("period").asText()
        + "\u0000"
        + row.get("feature").asText()
        + "\u0000"
        + group.map(column -> row.get(column).asText()).orElse("");
  }

  private String activeSql(Request request) {
    return MetricSql.from(clickhouse.table(TABLE))
        .finalRows()
        .period(request.granularity(), "slot_start", request.zone())
        .key("feature")
        .key(request.groupBy())
        .aggregate("count", "uniqExact(actor)")
        .aggregate("active_developers", "uniqExact(actor)")
        .aggregate("active_teams", "uniqExactIf(team, team != '')")
        .where(request.range().sqlCondition("slot_start"))
        .whereIn("team", request.get(Params.TEAM))
        .whereIn("feature", request.get(Workflows.FEATURE))
        .sql();
  }

  /**
   * Per period: the developers (per feature, and team when grouped) whose uses, as epoch seconds,
   * fall in {@code [end - 56 d, end - 28 d)} and not in {@code [end - 28 d, end)}. The periods and
   * their ends are computed here and joined to every developer's uses as two literal arrays.
   */
  private String churnSql(Request request) {
    List<Period> periods = periods(request.range(), request.granularity(), request.zone());
    long window = WINDOW.toSeconds();
    Instant earliest = periods.get(0).end().minus(WINDOW.multipliedBy(2));
    Instant latest = periods.get(periods.size() - 1).end();
    List<String> keyColumns = new ArrayList<>(List.of("period", MetricSql.column("feature")));
    request.groupBy().map(MetricSql::column).ifPresent(keyColumns::add);
    String keys = String.join(", ", keyColumns);
    MetricSql uses =
        MetricSql.from(clickhouse.table(TABLE))
            .finalRows()
            .key("feature")
            .key(request.groupBy())
            .key("actor")
            .aggregate("uses", "groupArray(toUInt32(slot_start))")
            .where(
                "slot_start >= "
                    + SqlLiteral.dateTime(earliest)
                    + " AND slot_start < "
                    + SqlLiteral.dateTime(latest))
            .whereIn("team", request.get(Params.TEAM))
            .whereIn("feature", request.get(Workflows.FEATURE));
    String labels =
        "["
            + String.join(
                ", ", periods.stream().map(p -> SqlLiteral.string(p.label().toString())).toList())
            + "]";
    String ends =
        "["
            + String.join(
                ", ",
                periods.stream()
                    .map(p -> "toUInt32(" + SqlLiteral.integer(p.end().getEpochSecond()) + ")")
                    .toList())
            + "]";
    String w = SqlLiteral.integer(window);
    return "SELECT "
        + keys
        + ", uniqExact(actor) AS churned_developers FROM ("
        + uses.sql()
        + ") ARRAY JOIN "
        + labels
        + " AS period, "
        + ends
        + " AS period_end WHERE arrayExists(u -> u >= period_end - 2 * "
        + w
        + " AND u < period_end - "
        + w
        + ", uses) AND NOT arrayExists(u -> u >= period_end - "
        + w
        + " AND u < period_end, uses) GROUP BY "
        + keys
        + " ORDER BY "
        + keys;
  }

  /** A period: its label (first day in the zone) and where its churn windows end. */
  record Period(LocalDate label, Instant end) {}

  /** Every period that overlaps the range, its end cut at the range's end. */
  static List<Period> periods(TimeRange range, Granularity granularity, ZoneId zone) {
    LocalDate first = start(range.from().atZone(zone).toLocalDate(), granularity);
    List<Period> periods = new ArrayList<>();
    for (LocalDate label = first;
        label.atStartOfDay(zone).toInstant().isBefore(range.to());
        label = next(label, granularity)) {
      Instant end = next(label, granularity).atStartOfDay(zone).toInstant();
      periods.add(new Period(label, end.isAfter(range.to()) ? range.to() : end));
    }
    return periods;
  }

  private static LocalDate start(LocalDate day, Granularity granularity) {
    return switch (granularity) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  private static LocalDate next(LocalDate label, Granularity granularity) {
    return switch (granularity) {
      case DAY -> label.plusDays(1);
      case WEEK -> label.plusWeeks(1);
      case MONTH -> label.plusMonths(1);
    };
  }
}
