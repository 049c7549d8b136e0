package dev.paved.api.deviations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.http.Problem;
import dev.paved.api.query.Params;
import dev.paved.api.query.TimeRange;
import dev.paved.api.route.Answer;
import dev.paved.api.route.Endpoint;
import dev.paved.api.route.Field;
import dev.paved.api.route.Request;
import dev.paved.api.route.Route;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.SqlLiteral;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/deviations/clusters} (metrics.md §4): the clusters of teams that left the
 * golden path the same way, as of the jobs' latest complete refresh, ranked by teams affected (then
 * deviations, then id). One row per cluster, no period: clusters are a current picture, so {@code
 * from} and {@code to} do not apply.
 *
 * <p>The latest complete refresh: of the newest refreshes in {@code deviation_refreshes}, the first
 * whose cluster count matches the rows of {@code deviation_clusters} carrying it (a refresh still
 * being written is skipped); when none matches (rows of a newer refresh replaced some of the older
 * one's), the newest. Clusters that vanished keep an older refresh and are never served.
 */
public final class DeviationClustersEndpoint implements Endpoint {
  static final String CLUSTERS = "deviation_clusters";
  static final String REFRESHES = "deviation_refreshes";
  private static final int CANDIDATE_REFRESHES = 5;

  private static final Route ROUTE =
      Route.list("/deviations/clusters", "deviation_clusters")
          .summary("Deviation clusters")
          .description(
              "Clusters of active deviations that left the golden path the same way (same"
                  + " component and golden path, similar replacement and reasons), as of the"
                  + " latest refresh of the jobs (`refresh`), ranked by teams affected. A cluster"
                  + " with at least 3 teams is a \"widen the golden path\" candidate. `team`"
                  + " keeps clusters that include one of the teams. `from` and `to` do not"
                  + " apply: clusters describe the present.")
          .parameters(Params.TEAM)
          .field(Field.string("cluster_id", "stable across refreshes while membership holds"))
          .field(Field.integer("rank", "1 = most teams"))
          .field(Field.string("component", "the part of the stack left"))
          .field(Field.string("golden_path", "the platform default left"))
          .field(Field.strings("replacements", "what the teams use instead, sorted"))
          .field(Field.integer("count", "active deviations in the cluster"))
          .field(Field.integer("teams", "distinct teams"))
          .field(Field.integer("services", "distinct services"))
          .field(Field.strings("team_names", "the teams, sorted"))
          .field(
              Field.strings("terms", "the most telling reason terms, strongest first, as written"))
          .field(Field.dateTime("first_seen", "earliest start of its current deviations"))
          .field(
              Field.integer(
                  "growth_30d", "deviations in it that began in the 30 days before the clock"))
          .field(Field.bool("widen_candidate", "at least 3 teams"))
          .extra(
              "refresh",
              Map.of(
                  "type",
                  "object",
                  "nullable",
                  true,
                  "description",
                  "the refresh served: its number and the clusterer's event-time clock; null"
                      + " before the first",
                  "properties",
                  Map.of(
                      "refresh", Map.of("type", "integer"),
                      "clock", Map.of("type", "string", "format", "date-time"))))
          .build();

  private final ClickHouse clickhouse;

  public DeviationClustersEndpoint(ClickHouse clickhouse) {
    this.clickhouse = clickhouse;
  }

  @Override
  public Route route() {
    return ROUTE;
  }

  @Override
  public Answer answer(Request request) {
    int offset = offset(request.cursor());
    List<JsonNode> refreshes =
        clickhouse.queryRows(
            "SELECT refresh, clusters, clock, clock_ms FROM "
                + clickhouse.table(REFRESHES)
                + " FINAL ORDER BY refresh DESC LIMIT "
                + CANDIDATE_REFRESHES);
    if (refreshes.isEmpty()) {
      return Answer.page(List.of(), null).with("refresh", null);
    }
    List<String> numbers = refreshes.stream().map(r -> r.path("refresh").asText()).toList();
    Map<String, Long> written = new HashMap<>();
    for (JsonNode row :
        clickhouse.queryRows(
            "SELECT toString(refresh) AS number, count() AS clusters FROM "
                + clickhouse.table(CLUSTERS)
                + " FINAL WHERE refresh IN ("
                + String.join(
                    ", ", numbers.stream().map(n -> SqlLiteral.integer(Long.parseLong(n))).toList())
                + ") GROUP BY number")) {
      written.put(row.path("number").asText(), row.path("clusters").asLong());
    }
    JsonNode served = refreshes.get(0);
    for (JsonNode refresh : refreshes) {
      if (written.getOrDefault(refresh.path("refresh").asText(), 0L)
          == refresh.path("clusters").asLong()) {
        served = refresh;
        break;
      }
    }
    List<String> where = new ArrayList<>();
    where.add("refresh = " + SqlLiteral.integer(served.path("refresh").asLong()));
    List<String> teams = request.get(Params.TEAM);
    if (!teams.isEmpty()) {
      where.add(
          "hasAny(team_names, ["
              + String.join(", ", teams.stream().map(SqlLiteral::string).toList())
              + "])");
    }
    List<JsonNode> clusters =
        clickhouse.queryRows(
            "SELECT id, rank, component, golden_path, replacements, deviations, teams, services,"
                + " team_names, terms, first_seen, first_seen_ms, growth_30d, widen_candidate"
                + " FROM "
                + clickhouse.table(CLUSTERS)
                + " FINAL WHERE "
                + String.join(" AND ", where)
                + " ORDER BY rank, id LIMIT "
                + SqlLiteral.integer(request.limit() + 1L)
                + " OFFSET "
                + SqlLiteral.integer(offset));
    List<ObjectNode> rows = new ArrayList<>();
    for (JsonNode cluster : clusters.subList(0, Math.min(clusters.size(), request.limit()))) {
      rows.add(row(cluster));
    }
    String next =
        clusters.size() > request.limit() ? String.valueOf(offset + request.limit()) : null;
    Map<String, Object> refresh = new LinkedHashMap<>();
    refresh.put("refresh", served.path("refresh").asLong());
    refresh.put("clock", instant(served.path("clock").asText(), served.path("clock_ms").asInt()));
    return Answer.page(rows, next).with("refresh", refresh);
  }

  private static ObjectNode row(JsonNode cluster) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("cluster_id", cluster.path("id").asText());
    out.put("rank", cluster.path("rank").asInt());
    out.put("component", cluster.path("component").asText());
    out.put("golden_path", cluster.path("golden_path").asText());
    out.set("replacements", cluster.path("replacements"));
    out.put("count", cluster.path("deviations").asLong());
    out.put("teams", cluster.path("teams").asLong());
    out.put("services", cluster.path("services").asLong());
    out.set("team_names", cluster.path("team_names"));
    out.set("terms", cluster.path("terms"));
    out.put(
        "first_seen",
        instant(cluster.path("first_seen").asText(), cluster.path("first_seen_ms").asInt()));
    out.put("growth_30d", cluster.path("growth_30d").asLong());
    out.put("widen_candidate", cluster.path("widen_candidate").asInt() == 1);
    return out;
  }

  /** {@code 'YYYY-MM-DD hh:mm:ss'} (UTC) and its milliseconds as RFC 3339. */
  private static String instant(String dateTime, int millis) {
    return TimeRange.format(
        Instant.parse(dateTime.replace(' ', 'T') + "Z").plusMillis(millis), ZoneOffset.UTC);
  }

  /** The cursor is the offset of the next page in the ranking. */
  private static int offset(String cursor) {
    if (cursor == null) {
      return 0;
    }
    if (!cursor.matches("[0-9]{1,9}")) {
      throw Problem.invalidParam("cursor", "not a cursor this API gave out");
    }
    return Integer.parseInt(cursor);
  }
}
