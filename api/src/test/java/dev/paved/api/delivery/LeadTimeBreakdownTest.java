package dev.paved.api.delivery;

import static dev.paved.api.RouteTesting.ok;
import static dev.paved.api.RouteTesting.query;
import static dev.paved.api.delivery.DeliveryTesting.assertNumbers;
import static dev.paved.api.delivery.DeliveryTesting.leadTime;
import static dev.paved.api.delivery.DeliveryTesting.rows;
import static dev.paved.api.delivery.DeliveryTesting.stages;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.RouteTesting;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/v1/delivery/lead-time-breakdown} over hand-made {@code change_lead_times} rows.
 *
 * <ul>
 *   <li>checkout/payments, shipped Tue 2026-03-03 (week of 2 March): changes c1..c10 with lead time
 *       k hours; only c1..c4 carry pull-request times: coding 600k s, pickup 60k s, review 1,200 s,
 *       deploy 3,600k - 600k - 60k - 1,200 = 2,940k - 1,200 s (1,740; 4,680; 7,620; 10,560). c3
 *       also has a stale version 1 written later, with 99,999 s in every stage.
 *   <li>search/indexer: s1 shipped 2026-03-03 without PR times; s2 shipped Tue 2026-04-07 (week of
 *       6 April): coding 3,600, pickup 600, review 1,800, deploy 1,200.
 * </ul>
 */
class LeadTimeBreakdownTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  @BeforeAll
  static void facts() {
    ClickHouse ch = clickhouse.connection();
    DeliveryTesting.eventClock(ch, "2026-04-10T12:00:00Z");
    List<ObjectNode> checkout = new ArrayList<>();
    for (int k = 1; k <= 10; k++) {
      ObjectNode row =
          leadTime("c" + k, "checkout", "payments", "dp3", "2026-03-03T10:00:00Z", k, 2);
      checkout.add(k <= 4 ? stages(row, 600 * k, 60 * k, 1200, 2940 * k - 1200) : row);
    }
    RouteTesting.insert(ch, "change_lead_times", checkout.toArray(ObjectNode[]::new));
    RouteTesting.insert(
        ch,
        "change_lead_times",
        leadTime("s1", "search", "indexer", "di1", "2026-03-03T12:00:00Z", 20, 1),
        // superseded by the pull request whose commit it is: not counted in any stage
        stages(
                leadTime("x7", "search", "indexer", "di1", "2026-03-03T12:00:00Z", 30, 1),
                99_999,
                99_999,
                99_999,
                99_999)
            .put("superseded_by", "acme/idx#7"),
        stages(
            leadTime("s2", "search", "indexer", "di2", "2026-04-07T12:00:00Z", 2, 1),
            3600,
            600,
            1800,
            1200));
    RouteTesting.insert(
        ch,
        "change_lead_times",
        stages(
            leadTime("c3", "checkout", "payments", "dp3", "2026-03-03T10:00:00Z", 100, 1),
            99_999,
            99_999,
            99_999,
            99_999));
  }

  private static JsonNode breakdown(String query) {
    return ok(clickhouse.connection(), "/api/v1/delivery/lead-time-breakdown" + query);
  }

  @Test
  void fourStagesPerPeriodInStageOrder() {
    JsonNode body = breakdown("");
    assertEquals("lead_time_breakdown", body.path("metric").asText());
    assertEquals(
        List.of(
            "2026-03-02|coding|4|true",
            "2026-03-02|pickup|4|true",
            "2026-03-02|review|4|true",
            "2026-03-02|deploy|4|true",
            "2026-04-06|coding|1|true",
            "2026-04-06|pickup|1|true",
            "2026-04-06|review|1|true",
            "2026-04-06|deploy|1|true"),
        rows(body, "stage", "count", "low_confidence"));
    // Four values a < b < c < d: median h = 1.5 -> (b + c) / 2; p90 h = 2.7 -> c + 0.7 (d - c).
    //   coding 600, 1200, 1800, 2400: median 1,500; p90 1,800 + 420 = 2,220; mean 1,500
    //   pickup 60, 120, 180, 240: median 150; p90 180 + 42 = 222; mean 150
    //   review 1200 x 4: 1,200 each
    //   deploy 1740, 4680, 7620, 10560: median 6,150; p90 7,620 + 0.7 * 2,940 = 9,678;
    //     mean 24,600 / 4 = 6,150
    // (With the stale c3 the stages would hold 99,999.)
    assertNumbers(body, "median", 1500, 150, 1200, 6150, 3600, 600, 1800, 1200);
    assertNumbers(body, "p90", 2220, 222, 1200, 9678, 3600, 600, 1800, 1200);
    assertNumbers(body, "mean", 1500, 150, 1200, 6150, 3600, 600, 1800, 1200);
  }

  @Test
  void groupedByTeamAndFiltered() {
    JsonNode body = breakdown(query("granularity", "month", "group_by", "team"));
    assertEquals(
        List.of(
            "2026-03-01|checkout|coding|4",
            "2026-03-01|checkout|pickup|4",
            "2026-03-01|checkout|review|4",
            "2026-03-01|checkout|deploy|4",
            "2026-04-01|search|coding|1",
            "2026-04-01|search|pickup|1",
            "2026-04-01|search|review|1",
            "2026-04-01|search|deploy|1"),
        rows(body, "stage", "count"));
    JsonNode search = breakdown(query("team", "search"));
    assertEquals(
        List.of("2026-04-06|coding", "2026-04-06|pickup", "2026-04-06|review", "2026-04-06|deploy"),
        rows(search, "stage"));
  }

  @Test
  void environmentOutsideTheProductionSetIsRefused() {
    RouteTesting.Reply reply =
        RouteTesting.get(
            clickhouse.connection(),
            "/api/v1/delivery/lead-time-breakdown" + query("environment", "staging"));
    assertEquals(400, reply.status(), reply.body());
    assertEquals("environment", reply.json().path("invalid_params").get(0).path("name").asText());
  }
}
