package dev.paved.api.delivery;

import static dev.paved.api.RouteTesting.ok;
import static dev.paved.api.RouteTesting.query;
import static dev.paved.api.delivery.DeliveryTesting.incident;
import static dev.paved.api.delivery.DeliveryTesting.leadTime;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.api.RouteTesting;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/v1/delivery/levels} over the deploys of {@link DeliveryTesting#deploys}, three lead
 * times and two incidents, for the week 2026-03-02 .. 2026-03-09 (7 days, UTC).
 *
 * <pre>
 * production deploys in the week: dp1 dp2 dp3 dp5 di1 success, dp4 failure, dp6 rolled_back (7);
 *   failed or caused an incident: dp3 dp4 dp5 dp6 (4). Staging ds1 ds2 and April di2 di3 are out.
 * lead times (checkout/payments, deployed in the week): 2 h, 4 h, 30 h
 * incidents (checkout/payments, resolved in the week): 1 h, 3 h; one resolved in April (out)
 * </pre>
 */
class PerformanceLevelsTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final String PATH = "/api/v1/delivery/levels";

  @BeforeAll
  static void facts() {
    ClickHouse ch = clickhouse.connection();
    DeliveryTesting.deploys(ch);
    RouteTesting.insert(
        ch,
        "change_lead_times",
        leadTime("c1", "checkout", "payments", "dp1", "2026-03-02T09:00:00Z", 2, 1),
        leadTime("c2", "checkout", "payments", "dp2", "2026-03-02T15:00:00Z", 4, 1),
        leadTime("c3", "checkout", "payments", "dp3", "2026-03-03T10:00:00Z", 30, 1));
    RouteTesting.insert(
        ch,
        "incidents",
        incident("i1", "checkout", "payments", "2026-03-03T11:00:00Z", "2026-03-03T12:00:00Z", 1),
        incident("i2", "checkout", "payments", "2026-03-05T10:00:00Z", "2026-03-05T13:00:00Z", 1),
        incident("i3", "checkout", "payments", "2026-04-01T10:00:00Z", "2026-04-01T11:00:00Z", 1));
  }

  @Test
  void gradesEachKeyAndTheOverallLevel() {
    JsonNode body =
        ok(clickhouse.connection(), PATH + query("from", "2026-03-02", "to", "2026-03-09"));
    // deployment_frequency: 5 successful / 7 days = 0.714... per day: >= 1/7, < 1 -> high.
    // lead_time: median of 2, 4, 30 h = 4 h = 14,400 s < 86,400 -> elite.
    // change_failure_rate: 4 / 7 = 0.571... > 0.15 -> low.
    // recovery_time: R-7 median of 3,600 and 10,800 = 7,200 s; < 86,400 -> high.
    // overall: worst first low, high, high, elite; the (4 - 1) / 2 = 1st -> high.
    assertEquals(
        List.of(
            "2026-03-02|deployment_frequency|7|" + 5.0 / 7 + "|high|high",
            "2026-03-02|lead_time|3|14400.0|elite|high",
            "2026-03-02|change_failure_rate|7|" + 4.0 / 7 + "|low|high",
            "2026-03-02|recovery_time|2|7200.0|high|high"),
        rows(body));
    assertEquals(2023, body.path("source").path("year").asInt());
    assertEquals(
        "https://dora.dev/research/2023/dora-report/", body.path("source").path("url").asText());
  }

  @Test
  void perTeamAKeyWithoutDataIsNotGraded() {
    JsonNode body =
        ok(
            clickhouse.connection(),
            PATH + query("from", "2026-03-02", "to", "2026-03-09", "group_by", "team"));
    // search: di1 only (1 deploy, none failed): change failure rate 0 -> elite; no changes and
    // no incidents: lead_time and recovery_time null, not graded.
    List<String> search = new ArrayList<>();
    for (JsonNode row : body.path("rows")) {
      if (row.path("team").asText().equals("search")) {
        search.add(
            row.path("key").asText()
                + "|"
                + row.path("count").asText()
                + "|"
                + row.path("level").asText());
      }
    }
    assertEquals(
        List.of(
            "deployment_frequency|1|" + body.path("rows").get(4).path("level").asText(),
            "lead_time|0|null",
            "change_failure_rate|1|elite",
            "recovery_time|0|null"),
        search);
    assertEquals(8, body.path("rows").size());
    assertEquals("checkout", body.path("rows").get(0).path("team").asText());
  }

  private static List<String> rows(JsonNode body) {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : body.path("rows")) {
      rows.add(
          String.join(
              "|",
              row.path("period").asText(),
              row.path("key").asText(),
              row.path("count").asText(),
              row.path("value").isNull() ? "null" : String.valueOf(row.path("value").asDouble()),
              row.path("level").asText(),
              row.path("overall").asText()));
    }
    return rows;
  }
}
