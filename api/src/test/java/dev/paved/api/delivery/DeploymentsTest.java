package dev.paved.api.delivery;

import static dev.paved.api.RouteTesting.ok;
import static dev.paved.api.RouteTesting.query;
import static dev.paved.api.delivery.DeliveryTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.api.RouteTesting;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.ApiConfig;
import dev.paved.config.PavedConfig;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/v1/delivery/deployments} over the deploys of {@link DeliveryTesting#deploys}: each
 * row is {@code period|[group|]count|deploy_days|failed|low_confidence}.
 */
class DeploymentsTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final String PATH = "/api/v1/delivery/deployments";

  @BeforeAll
  static void facts() {
    DeliveryTesting.deploys(clickhouse.connection());
  }

  private static List<String> deployments(String query) {
    JsonNode body = ok(clickhouse.connection(), PATH + query);
    return rows(body, "count", "deploy_days", "failed", "low_confidence");
  }

  @Test
  void weeksInUtcCountProductionDeploysOnly() {
    JsonNode body = ok(clickhouse.connection(), PATH);
    assertEquals("deployments", body.path("metric").asText());
    assertEquals("[\"production\",\"prod\"]", body.path("environments").toString());
    // Week of 2 March: successes dp1 dp2 dp3 dp5 di1 = 5 (not low confidence: 5 is the minimum);
    //   days Mar 2 (dp1, dp2), Mar 3 (dp3, di1), Mar 8 (dp5) = 3; failed dp4, dp6 = 2 (dp6's
    //   rolled_back version 2 replaces its success). ds1/ds2 are staging: not counted.
    // Week of 6 April: di2 succeeded, di3 failed.
    assertEquals(
        List.of("2026-03-02|5|3|2|", "2026-04-06|1|1|1|true"),
        rows(body, "count", "deploy_days", "failed", "low_confidence"));
  }

  @Test
  void weeksInBerlinMoveTheSundayNightDeployToTheNextWeek() {
    // dp5 at 23:30 UTC on Sunday 8 March is 00:30 on Monday 9 March in Berlin.
    assertEquals(
        List.of("2026-03-02|4|2|2|true", "2026-03-09|1|1|0|true", "2026-04-06|1|1|1|true"),
        deployments(query("tz", "Europe/Berlin")));
  }

  @Test
  void daysOfOneTeamInUtcAndInBerlin() {
    // Periods with only failed deploys have count 0 and keep their failures.
    assertEquals(
        List.of(
            "2026-03-02|2|1|0|true",
            "2026-03-03|1|1|0|true",
            "2026-03-04|0|0|1|true",
            "2026-03-05|0|0|1|true",
            "2026-03-08|1|1|0|true"),
        deployments(query("granularity", "day", "team", "checkout")));
    assertEquals(
        List.of(
            "2026-03-02|2|1|0|true",
            "2026-03-03|1|1|0|true",
            "2026-03-04|0|0|1|true",
            "2026-03-05|0|0|1|true",
            "2026-03-09|1|1|0|true"),
        deployments(query("granularity", "day", "team", "checkout", "tz", "Europe/Berlin")));
  }

  @Test
  void monthsGroupedByTeamAndByService() {
    // March, checkout: dp1 dp2 dp3 dp5 succeeded on Mar 2, 3, 8 (3 days); dp4, dp6 failed.
    assertEquals(
        List.of(
            "2026-03-01|checkout|4|3|2|true",
            "2026-03-01|search|1|1|0|true",
            "2026-04-01|search|1|1|1|true"),
        deployments(query("granularity", "month", "group_by", "team")));
    assertEquals(
        List.of("2026-03-01|indexer|1|1|0|true", "2026-04-01|indexer|1|1|1|true"),
        deployments(query("granularity", "month", "group_by", "service", "service", "indexer")));
  }

  @Test
  void stagingOnlyWhenAskedFor() {
    JsonNode body = ok(clickhouse.connection(), PATH + query("environment", "staging"));
    assertEquals("[\"staging\"]", body.path("environments").toString());
    assertEquals("{\"environment\":[\"staging\"]}", body.path("filters").toString());
    // ds1 succeeded on Mar 3, ds2 failed.
    assertEquals(
        List.of("2026-03-02|1|1|1|true"),
        rows(body, "count", "deploy_days", "failed", "low_confidence"));
  }

  @Test
  void theProductionSetIsASetting() {
    ApiConfig defaults = PavedConfig.defaults().api();
    ApiConfig productionOnly =
        new ApiConfig(
            defaults.port(),
            defaults.readTokens(),
            defaults.minCount(),
            defaults.cacheMaxAgeSeconds(),
            List.of("production"));
    RouteTesting.Reply reply = RouteTesting.get(clickhouse.connection(), productionOnly, PATH);
    assertEquals(200, reply.status(), reply.body());
    // Without prod, search's di1..di3 drop out: dp1 dp2 dp3 dp5 on Mar 2, 3, 8; dp4, dp6 failed.
    assertEquals(
        List.of("2026-03-02|4|3|2|true"),
        rows(reply.json(), "count", "deploy_days", "failed", "low_confidence"));
    assertEquals("[\"production\"]", reply.json().path("environments").toString());
  }

  @Test
  void csvHasTheSameRowsWithAHeaderLine() {
    RouteTesting.Reply reply =
        RouteTesting.get(
            clickhouse.connection(),
            PATH + query("granularity", "month", "group_by", "team", "format", "csv"));
    assertEquals(200, reply.status(), reply.body());
    assertEquals("text/csv; charset=utf-8; header=present", reply.contentType());
    assertEquals(
        "period,team,count,deploy_days,failed,low_confidence\r\n"
            + "2026-03-01,checkout,4,3,2,true\r\n"
            + "2026-03-01,search,1,1,0,true\r\n"
            + "2026-04-01,search,1,1,1,true\r\n",
        reply.body());
  }
}
