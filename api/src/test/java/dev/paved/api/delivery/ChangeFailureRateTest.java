package dev.paved.api.delivery;

import static dev.paved.api.RouteTesting.ok;
import static dev.paved.api.RouteTesting.query;
import static dev.paved.api.delivery.DeliveryTesting.assertNumbers;
import static dev.paved.api.delivery.DeliveryTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/v1/delivery/change-failure-rate} over the deploys of {@link DeliveryTesting#deploys}:
 * each row is {@code period|[group|]count|failed|inferred|low_confidence}, the rate checked as a
 * number.
 */
class ChangeFailureRateTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final String PATH = "/api/v1/delivery/change-failure-rate";

  @BeforeAll
  static void facts() {
    DeliveryTesting.deploys(clickhouse.connection());
  }

  private static JsonNode rate(String query) {
    return ok(clickhouse.connection(), PATH + query);
  }

  private static List<String> rows(JsonNode body) {
    return DeliveryTesting.rows(body, "count", "failed", "inferred", "low_confidence");
  }

  @Test
  void weeksWithNamedAndInferredIncidents() {
    JsonNode body = rate("");
    assertEquals("change_failure_rate", body.path("metric").asText());
    assertEquals("[\"production\",\"prod\"]", body.path("environments").toString());
    // Week of 2 March: production deploys dp1..dp6 and di1 = 7 (not low confidence); failed:
    //   dp3 (named incident), dp4 (failure), dp5 (inferred incident), dp6 (rolled back) = 4;
    //   rate 4/7; inferred: dp5 only.
    // Week of 6 April: di2, di3 = 2; failed di3, whose inferred incident does not make it
    //   "inferred" because it failed anyway: rate 1/2, inferred 0.
    assertEquals(List.of("2026-03-02|7|4|1|", "2026-04-06|2|1|0|true"), rows(body));
    assertNumbers(body, "rate", 4.0 / 7, 0.5);
  }

  @Test
  void monthsGroupedByTeam() {
    JsonNode body = rate(query("granularity", "month", "group_by", "team"));
    // March checkout: dp1..dp6, failed dp3 dp4 dp5 dp6 = 4/6; search: di1 = 0/1; April: 1/2.
    assertEquals(
        List.of(
            "2026-03-01|checkout|6|4|1|",
            "2026-03-01|search|1|0|0|true",
            "2026-04-01|search|2|1|0|true"),
        rows(body));
    assertNumbers(body, "rate", 4.0 / 6, 0, 0.5);
  }

  @Test
  void weeksInBerlin() {
    // dp5 (Sunday 23:30 UTC) is Monday 9 March in Berlin: week of 2 March keeps dp1 dp2 dp3 dp4
    // dp6 di1 = 6, failed dp3 dp4 dp6 = 3; week of 9 March: dp5 alone, failed and inferred.
    JsonNode body = rate(query("tz", "Europe/Berlin"));
    assertEquals(
        List.of("2026-03-02|6|3|0|", "2026-03-09|1|1|1|true", "2026-04-06|2|1|0|true"), rows(body));
    assertNumbers(body, "rate", 0.5, 1, 0.5);
  }

  @Test
  void stagingAndServiceFilter() {
    // Staging: ds1 succeeded, ds2 failed.
    JsonNode staging = rate(query("environment", "staging"));
    assertEquals(List.of("2026-03-02|2|1|0|true"), rows(staging));
    assertNumbers(staging, "rate", 0.5);
    JsonNode indexer = rate(query("service", "indexer"));
    assertEquals(List.of("2026-03-02|1|0|0|true", "2026-04-06|2|1|0|true"), rows(indexer));
    assertNumbers(indexer, "rate", 0, 0.5);
  }
}
