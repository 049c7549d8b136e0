package dev.paved.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.api.query.Granularity;
import dev.paved.api.query.MetricSql;
import dev.paved.api.query.TimeZones;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the SQL builder writes, run on a real ClickHouse. */
class ClickHouseFunctionsTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static JsonNode one(String sql) {
    return clickhouse.connection().queryRows(sql).get(0);
  }

  @Test
  void everyAcceptedTimeZoneIsKnownToClickHouse() {
    List<String> zones = TimeZones.all();
    assertTrue(zones.size() > 500, "zones: " + zones.size());
    for (int start = 0; start < zones.size(); start += 200) {
      List<String> columns = new ArrayList<>();
      List<String> batch = zones.subList(start, Math.min(zones.size(), start + 200));
      for (int i = 0; i < batch.size(); i++) {
        columns.add(Granularity.DAY.bucket("t", ZoneId.of(batch.get(i))) + " AS z" + i);
      }
      JsonNode row =
          one(
              "SELECT "
                  + String.join(", ", columns)
                  + " FROM (SELECT toDateTime('2026-03-01 23:30:00', 'UTC') AS t)");
      assertEquals(batch.size(), row.size());
    }
  }

  @Test
  void periodsInAZoneAreIsoWeeksDaysAndMonths() {
    String sql =
        "SELECT %s AS day, %s AS week, %s AS month FROM (SELECT toDateTime('%s', 'UTC') AS t)";
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    ZoneId utc = ZoneId.of("UTC");
    String sundayNight = "2026-03-01 23:30:00";
    assertEquals(
        "{\"day\":\"2026-03-01\",\"week\":\"2026-02-23\",\"month\":\"2026-03-01\"}",
        one(sql.formatted(buckets(utc)[0], buckets(utc)[1], buckets(utc)[2], sundayNight))
            .toString());
    assertEquals(
        "{\"day\":\"2026-03-02\",\"week\":\"2026-03-02\",\"month\":\"2026-03-01\"}",
        one(sql.formatted(buckets(berlin)[0], buckets(berlin)[1], buckets(berlin)[2], sundayNight))
            .toString());
    // New Year 2027 is a Friday: its ISO week starts on Monday 28 December 2026.
    assertEquals(
        "{\"day\":\"2027-01-01\",\"week\":\"2026-12-28\",\"month\":\"2027-01-01\"}",
        one(sql.formatted(buckets(utc)[0], buckets(utc)[1], buckets(utc)[2], "2027-01-01 12:00:00"))
            .toString());
  }

  private static String[] buckets(ZoneId zone) {
    return new String[] {
      Granularity.DAY.bucket("t", zone),
      Granularity.WEEK.bucket("t", zone),
      Granularity.MONTH.bucket("t", zone)
    };
  }

  @Test
  void percentilesAreExactR7() {
    String p90 = MetricSql.percentile("x", 0.9);
    String median = MetricSql.percentile("x", 0.5);
    String min = MetricSql.percentile("x", 0);
    String max = MetricSql.percentile("x", 1);
    String from = " FROM (SELECT number + 1 AS x FROM system.numbers LIMIT 10)";
    JsonNode ten =
        one(
            "SELECT "
                + p90
                + " AS p90, "
                + median
                + " AS median, "
                + min
                + " AS lo, "
                + max
                + " AS hi"
                + from);
    assertEquals(9.1, ten.get("p90").asDouble(), 1e-9);
    assertEquals(5.5, ten.get("median").asDouble(), 1e-9);
    assertEquals(1.0, ten.get("lo").asDouble(), 1e-9);
    assertEquals(10.0, ten.get("hi").asDouble(), 1e-9);
    JsonNode single = one("SELECT " + p90 + " AS p90 FROM (SELECT 42 AS x)");
    assertEquals(42.0, single.get("p90").asDouble(), 1e-9);
    // NumPy: percentile([3, 1, 7, 20], 90) = 16.1: h = 3 * 0.9 = 2.7, 7 + 0.7 * (20 - 7).
    JsonNode four = one("SELECT " + p90 + " AS p90 FROM (SELECT arrayJoin([3, 1, 7, 20]) AS x)");
    assertEquals(16.1, four.get("p90").asDouble(), 1e-9);
    JsonNode empty =
        one("SELECT " + p90 + " AS p90 FROM (SELECT arrayJoin([1, 2]) AS x) WHERE x > 5");
    assertTrue(empty.get("p90").isNull(), empty.toString());
  }
}
