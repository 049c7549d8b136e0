package dev.paved.api.delivery;

import static dev.paved.api.RouteTesting.ok;
import static dev.paved.api.RouteTesting.query;
import static dev.paved.api.delivery.DeliveryTesting.assertNumbers;
import static dev.paved.api.delivery.DeliveryTesting.incident;
import static dev.paved.api.delivery.DeliveryTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.api.RouteTesting;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/v1/delivery/recovery-time} over hand-made {@code incidents} rows; the event clock
 * ({@code as_of.event_time}) is 2026-04-10T12:00:00Z.
 *
 * <pre>
 * id  team/service       opened (UTC)            resolved (UTC)      recovery
 * i1  checkout/payments  Tue 03-03 11:00         Tue 03-03 12:00      3,600 s   week of 2 March
 * i2  checkout/payments  Mon 03-09 00:00         Mon 03-09 02:00      7,200 s   week of 9 March
 * i3  checkout/payments  Tue 03-10 00:00         Tue 03-10 06:00     21,600 s   week of 9 March
 * i4  search/indexer     Tue 03-10 00:00         Wed 03-11 00:00     86,400 s   week of 9 March
 * i5  search/indexer     Wed 04-08 13:00         Wed 04-08 14:30      5,400 s   week of 6 April
 *                        (version 2; a stale version 1, written later, has it still open)
 * i6  checkout/payments  Mon 03-30 10:00:00.500  open
 * i7  search/indexer     Thu 04-09 12:00         open
 * </pre>
 */
class RecoveryTimeTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final String PATH = "/api/v1/delivery/recovery-time";

  @BeforeAll
  static void facts() {
    ClickHouse ch = clickhouse.connection();
    DeliveryTesting.eventClock(ch, "2026-04-10T12:00:00Z");
    RouteTesting.insert(
        ch,
        "incidents",
        incident("i1", "checkout", "payments", "2026-03-03T11:00:00Z", "2026-03-03T12:00:00Z", 1),
        incident("i2", "checkout", "payments", "2026-03-09T00:00:00Z", "2026-03-09T02:00:00Z", 1),
        incident("i3", "checkout", "payments", "2026-03-10T00:00:00Z", "2026-03-10T06:00:00Z", 1),
        incident("i4", "search", "indexer", "2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z", 1),
        incident("i5", "search", "indexer", "2026-04-08T13:00:00Z", "2026-04-08T14:30:00Z", 2),
        incident("i6", "checkout", "payments", "2026-03-30T10:00:00.500Z", null, 1),
        incident("i7", "search", "indexer", "2026-04-09T12:00:00Z", null, 1));
    RouteTesting.insert(
        ch, "incidents", incident("i5", "search", "indexer", "2026-04-08T13:00:00Z", null, 1));
  }

  private static JsonNode recovery(String query) {
    return ok(clickhouse.connection(), PATH + query);
  }

  @Test
  void weeksOfResolutionAndTheOpenIncidentsWithTheirAge() {
    JsonNode body = recovery("");
    assertEquals("recovery_time", body.path("metric").asText());
    // Week of 9 March: 7,200, 21,600, 86,400: median 21,600; p90 h = 1.8 -> 21,600 + 0.8 *
    // 64,800 = 73,440; mean 115,200 / 3 = 38,400.
    assertEquals(
        List.of("2026-03-02|1|true", "2026-03-09|3|true", "2026-04-06|1|true"),
        rows(body, "count", "low_confidence"));
    assertNumbers(body, "median", 3600, 21_600, 5400);
    assertNumbers(body, "p90", 3600, 73_440, 5400);
    assertNumbers(body, "mean", 3600, 38_400, 5400);
    // Ages at the event clock 2026-04-10T12:00Z: i6 11 days 2 hours less half a second =
    // 950,400 + 7,200 - 0.5 = 957,599.5 s; i7 one day = 86,400 s. i5 is resolved (version 2).
    assertEquals(
        "[{\"incident_id\":\"i6\",\"service\":\"payments\",\"team\":\"checkout\","
            + "\"opened_at\":\"2026-03-30T10:00:00.500Z\",\"age_seconds\":957599.5},"
            + "{\"incident_id\":\"i7\",\"service\":\"indexer\",\"team\":\"search\","
            + "\"opened_at\":\"2026-04-09T12:00:00Z\",\"age_seconds\":86400.0}]",
        body.path("open").toString());
  }

  @Test
  void oneTeamFiltersTheRowsAndTheOpenList() {
    JsonNode body = recovery(query("team", "checkout"));
    // Week of 9 March: 7,200 and 21,600: median 14,400; p90 7,200 + 0.9 * 14,400 = 20,160.
    assertEquals(List.of("2026-03-02|1", "2026-03-09|2"), rows(body, "count"));
    assertNumbers(body, "median", 3600, 14_400);
    assertNumbers(body, "p90", 3600, 20_160);
    assertNumbers(body, "mean", 3600, 14_400);
    assertEquals(1, body.path("open").size());
    assertEquals("i6", body.path("open").get(0).path("incident_id").asText());
  }

  @Test
  void monthsGroupedByTeam() {
    JsonNode body = recovery(query("granularity", "month", "group_by", "team"));
    // March checkout: 3,600, 7,200, 21,600: median 7,200; p90 h = 1.8 -> 7,200 + 0.8 * 14,400 =
    // 18,720; mean 32,400 / 3 = 10,800.
    assertEquals(
        List.of("2026-03-01|checkout|3", "2026-03-01|search|1", "2026-04-01|search|1"),
        rows(body, "count"));
    assertNumbers(body, "median", 7200, 86_400, 5400);
    assertNumbers(body, "p90", 18_720, 86_400, 5400);
    assertNumbers(body, "mean", 10_800, 86_400, 5400);
  }

  @Test
  void anEarlierRangeListsOnlyIncidentsOpenedBeforeItsEnd() {
    JsonNode body =
        recovery(query("from", "2026-03-01", "to", "2026-04-01", "granularity", "month"));
    // i1..i4 resolved in March; i6 opened on 30 March and is still open; i7 opened after `to`.
    assertEquals(List.of("2026-03-01|4"), rows(body, "count"));
    assertEquals(1, body.path("open").size());
    assertEquals("i6", body.path("open").get(0).path("incident_id").asText());
  }

  @Test
  void noEnvironmentParameter() {
    RouteTesting.Reply reply =
        RouteTesting.get(clickhouse.connection(), PATH + query("environment", "production"));
    assertEquals(400, reply.status(), reply.body());
    assertEquals("environment", reply.json().path("invalid_params").get(0).path("name").asText());
  }
}
