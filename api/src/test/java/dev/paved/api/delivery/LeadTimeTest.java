package dev.paved.api.delivery;

import static dev.paved.api.RouteTesting.ok;
import static dev.paved.api.RouteTesting.query;
import static dev.paved.api.delivery.DeliveryTesting.assertNumbers;
import static dev.paved.api.delivery.DeliveryTesting.deploy;
import static dev.paved.api.delivery.DeliveryTesting.leadTime;
import static dev.paved.api.delivery.DeliveryTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * {@code /api/v1/delivery/lead-time} over {@code change_lead_times} rows whose numbers are worked
 * out by hand (1 h = 3,600 s).
 *
 * <ul>
 *   <li>checkout/payments: ten changes with lead times 1, 2, ..., 10 h, all shipped by the
 *       production deploy dp3 on Tue 2026-03-03 (ISO week of Mon 2 March). Change c3 is written
 *       twice: version 2 (3 h) first, then a stale version 1 (100 h) in a later insert; FINAL keeps
 *       version 2.
 *   <li>search/indexer: s1 (20 h) shipped by di1 on 2026-03-03; s2 (2 h) and s3 (4 h) shipped by
 *       di2 on Tue 2026-04-07 (week of Mon 6 April). di1 and di2 went to {@code prod}, dp3 to
 *       {@code production}: both in the default production set.
 * </ul>
 */
class LeadTimeTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final double H = 3600;

  @BeforeAll
  static void facts() {
    ClickHouse ch = clickhouse.connection();
    DeliveryTesting.eventClock(ch, "2026-04-10T12:00:00Z");
    List<ObjectNode> checkout = new ArrayList<>();
    for (int k = 1; k <= 10; k++) {
      checkout.add(leadTime("c" + k, "checkout", "payments", "dp3", "2026-03-03T10:00:00Z", k, 2));
    }
    RouteTesting.insert(ch, "change_lead_times", checkout.toArray(ObjectNode[]::new));
    RouteTesting.insert(
        ch,
        "change_lead_times",
        leadTime("s1", "search", "indexer", "di1", "2026-03-03T12:00:00Z", 20, 1),
        leadTime("s2", "search", "indexer", "di2", "2026-04-07T12:00:00Z", 2, 1),
        leadTime("s3", "search", "indexer", "di2", "2026-04-07T12:00:00Z", 4, 1));
    // A commit of a pull request shipped by its sha: superseded by the pull request, not counted
    // (it would be a 12th value in the week of 2 March).
    RouteTesting.insert(
        ch,
        "change_lead_times",
        leadTime("x7", "search", "indexer", "di1", "2026-03-03T12:00:00Z", 30, 1)
            .put("superseded_by", "acme/idx#7"));
    // The stale twin of c3, written after the newer one.
    RouteTesting.insert(
        ch,
        "change_lead_times",
        leadTime("c3", "checkout", "payments", "dp3", "2026-03-03T10:00:00Z", 100, 1));
    RouteTesting.insert(
        ch,
        "deploys",
        deploy("dp3", "checkout", "payments", "production", "success", "2026-03-03T10:00:00Z", 1),
        deploy("di1", "search", "indexer", "prod", "success", "2026-03-03T12:00:00Z", 1),
        deploy("di2", "search", "indexer", "prod", "success", "2026-04-07T12:00:00Z", 1));
  }

  private static JsonNode leadTimes(String query) {
    return ok(clickhouse.connection(), "/api/v1/delivery/lead-time" + query);
  }

  @Test
  void weeksForTheOrganisation() {
    JsonNode body = leadTimes("");
    assertEquals("lead_time", body.path("metric").asText());
    assertEquals("seconds", body.path("unit").asText());
    assertEquals("week", body.path("granularity").asText());
    // The event clock is 2026-04-10T12:00Z: to is the next day, from 90 days before.
    assertEquals("2026-01-11T00:00:00Z", body.path("from").asText());
    assertEquals("2026-04-11T00:00:00Z", body.path("to").asText());
    assertEquals("2026-04-10T12:00:00Z", body.path("as_of").path("event_time").asText());
    // Week of 2 March: 1..10 h and 20 h, 11 values (not 12: c3's stale twin is replaced).
    //   median: h = 10 * 0.5 = 5, the 6th value: 6 h = 21,600
    //   p90: h = 10 * 0.9 = 9, the 10th value: 10 h = 36,000
    //   mean: (55 + 20) / 11 h = 270,000 / 11 s = 24,545.4545...
    // Week of 6 April: 2 h and 4 h. median 3 h = 10,800; p90 2 + 0.9 * 2 = 3.8 h = 13,680;
    // mean 3 h.
    assertEquals(
        List.of("2026-03-02|11|", "2026-04-06|2|true"), rows(body, "count", "low_confidence"));
    assertNumbers(body, "median", 6 * H, 3 * H);
    assertNumbers(body, "p90", 10 * H, 3.8 * H);
    assertNumbers(body, "mean", 270_000.0 / 11, 3 * H);
  }

  @Test
  void oneTeamR7MedianAndP90OfOneToTenHours() {
    JsonNode body = leadTimes(query("team", "checkout"));
    assertEquals("{\"team\":[\"checkout\"]}", body.path("filters").toString());
    // 1..10 h: median h = 4.5 -> 5 + 0.5 * (6 - 5) = 5.5 h = 19,800;
    // p90 h = 8.1 -> 9 + 0.1 * (10 - 9) = 9.1 h = 32,760; mean 55 / 10 = 5.5 h.
    assertEquals(List.of("2026-03-02|10|"), rows(body, "count", "low_confidence"));
    assertNumbers(body, "median", 5.5 * H);
    assertNumbers(body, "p90", 9.1 * H);
    assertNumbers(body, "mean", 5.5 * H);
  }

  @Test
  void monthsGroupedByTeam() {
    JsonNode body = leadTimes(query("granularity", "month", "group_by", "team"));
    assertEquals(
        List.of("2026-03-01|checkout|10|", "2026-03-01|search|1|true", "2026-04-01|search|2|true"),
        rows(body, "count", "low_confidence"));
    assertNumbers(body, "median", 5.5 * H, 20 * H, 3 * H);
    assertNumbers(body, "p90", 9.1 * H, 20 * H, 3.8 * H);
    assertNumbers(body, "mean", 5.5 * H, 20 * H, 3 * H);
  }

  @Test
  void filteredByServiceGroupedByService() {
    JsonNode body = leadTimes(query("service", "indexer", "group_by", "service"));
    assertEquals(List.of("2026-03-02|indexer|1", "2026-04-06|indexer|2"), rows(body, "count"));
    assertNumbers(body, "median", 20 * H, 3 * H);
  }

  @Test
  void environmentOnlyWithinTheProductionSet() {
    RouteTesting.Reply staging =
        RouteTesting.get(
            clickhouse.connection(),
            "/api/v1/delivery/lead-time" + query("environment", "staging"));
    assertEquals(400, staging.status(), staging.body());
    JsonNode problem = staging.json();
    assertEquals("environment", problem.path("invalid_params").get(0).path("name").asText());
    assertTrue(
        problem.path("invalid_params").get(0).path("reason").asText().contains("production"));
    // prod: the changes di1 and di2 shipped (search); production: those of dp3 (checkout).
    assertEquals(
        List.of("2026-03-02|1", "2026-04-06|2"),
        rows(leadTimes(query("environment", "prod")), "count"));
    assertEquals(
        List.of("2026-03-02|10"), rows(leadTimes(query("environment", "production")), "count"));
    assertEquals(
        List.of("2026-03-02|11", "2026-04-06|2"),
        rows(leadTimes(query("environment", "production,prod")), "count"));
  }
}
