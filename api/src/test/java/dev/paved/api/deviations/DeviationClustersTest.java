package dev.paved.api.deviations;

import static dev.paved.api.RouteTesting.ok;
import static dev.paved.api.voice.VoiceTesting.JSON;
import static dev.paved.api.voice.VoiceTesting.column;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.RouteTesting;
import dev.paved.api.voice.VoiceTesting;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/v1/deviations/clusters} over hand-made refreshes:
 *
 * <pre>
 * refresh 50   wrote dc-old (it vanished since: never served again)
 * refresh 100  complete: dc-gpu (rank 1, 3 teams), dc-jenkins (rank 2, 2 teams)
 * refresh 200  incomplete: announces 2 clusters, 1 written so far (dc-new)
 * </pre>
 */
class DeviationClustersTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  static ObjectNode cluster(
      String id, long refresh, int rank, String component, List<String> teams, int growth) {
    ObjectNode row = JSON.createObjectNode();
    row.put("id", id);
    row.put("refresh", refresh);
    row.put("rank", rank);
    row.put("component", component);
    row.put("golden_path", "platform-" + component);
    row.set("replacements", JSON.valueToTree(List.of("custom-" + component)));
    row.put("deviations", teams.size() + 1);
    row.put("teams", teams.size());
    row.put("services", teams.size());
    row.set("team_names", JSON.valueToTree(teams));
    row.set("terms", JSON.valueToTree(List.of("term-" + component)));
    VoiceTesting.putTime(row, "first_seen", "2026-03-01T08:00:00.250Z");
    row.put("growth_30d", growth);
    row.put("widen_candidate", teams.size() >= 3 ? 1 : 0);
    row.put("version", refresh);
    return row;
  }

  static ObjectNode refresh(long refresh, int clusters) {
    ObjectNode row = JSON.createObjectNode();
    row.put("id", "refresh:" + refresh);
    row.put("refresh", refresh);
    VoiceTesting.putTime(row, "clock", "2026-03-06T09:00:00Z");
    row.put("clusters", clusters);
    row.put("active_deviations", 9);
    row.put("version", refresh);
    return row;
  }

  @Test
  void servesTheLatestCompleteRefreshRankedAndPaged() {
    ClickHouse ch = clickhouse.connection();
    assertEquals(List.of(), column(ok(ch, "/api/v1/deviations/clusters"), "cluster_id"));

    RouteTesting.insert(
        ch,
        "deviation_clusters",
        cluster("dc-old", 50, 1, "secrets", List.of("a", "b"), 0),
        cluster("dc-gpu", 100, 1, "ci", List.of("ml", "search", "web"), 2),
        cluster("dc-jenkins", 100, 2, "deploy", List.of("pay", "web"), 1),
        cluster("dc-new", 200, 1, "runtime", List.of("x", "y", "z", "w"), 4));
    RouteTesting.insert(
        ch, "deviation_refreshes", refresh(50, 1), refresh(100, 2), refresh(200, 2));

    JsonNode body = ok(ch, "/api/v1/deviations/clusters");
    assertEquals(List.of("dc-gpu", "dc-jenkins"), column(body, "cluster_id"));
    assertEquals(100, body.path("refresh").path("refresh").asLong());
    assertEquals("2026-03-06T09:00:00Z", body.path("refresh").path("clock").asText());
    JsonNode gpu = body.path("rows").get(0);
    assertEquals("ci", gpu.path("component").asText());
    assertEquals("platform-ci", gpu.path("golden_path").asText());
    assertEquals("[\"custom-ci\"]", gpu.path("replacements").toString());
    assertEquals(4, gpu.path("count").asInt());
    assertEquals(3, gpu.path("teams").asInt());
    assertEquals(3, gpu.path("services").asInt());
    assertEquals("[\"term-ci\"]", gpu.path("terms").toString());
    assertEquals("2026-03-01T08:00:00.250Z", gpu.path("first_seen").asText());
    assertEquals(2, gpu.path("growth_30d").asInt());
    assertEquals(List.of("true", "false"), column(body, "widen_candidate"));

    // A team filter keeps the clusters that include it; pages follow the ranking.
    assertEquals(
        List.of("dc-jenkins"),
        column(ok(ch, "/api/v1/deviations/clusters?team=pay"), "cluster_id"));
    JsonNode first = ok(ch, "/api/v1/deviations/clusters?limit=1");
    assertEquals(List.of("dc-gpu"), column(first, "cluster_id"));
    assertEquals("1", first.path("next_cursor").asText());
    JsonNode second = ok(ch, "/api/v1/deviations/clusters?limit=1&cursor=1");
    assertEquals(List.of("dc-jenkins"), column(second, "cluster_id"));
    assertEquals(true, second.path("next_cursor").isNull());
    JsonNode bad = RouteTesting.problem(ch, "/api/v1/deviations/clusters?cursor=abc", 400);
    assertEquals("cursor", bad.path("invalid_params").get(0).path("name").asText());

    // Refresh 200 completes, then refresh 300 finds every deviation back on the path.
    RouteTesting.insert(
        ch, "deviation_clusters", cluster("dc-gpu", 200, 2, "ci", List.of("ml"), 0));
    assertEquals(
        List.of("dc-new", "dc-gpu"), column(ok(ch, "/api/v1/deviations/clusters"), "cluster_id"));
    RouteTesting.insert(ch, "deviation_refreshes", refresh(300, 0));
    assertEquals(List.of(), column(ok(ch, "/api/v1/deviations/clusters"), "cluster_id"));
  }
}
