package dev.paved.api;

import static dev.paved.api.ApiTesting.event;
import static dev.paved.api.ApiTesting.get;
import static dev.paved.api.ApiTesting.header;
import static dev.paved.api.ApiTesting.json;
import static dev.paved.api.ApiTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.ApiConfig;
import dev.paved.config.PavedConfig;
import io.javalin.testtools.JavalinTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/v1/activity} over a handful of events whose periods are worked out by hand: the
 * framework's periods, time zones, filters, grouping, ordering, envelope and CSV.
 *
 * <p>2026-03-01 is a Sunday. a1 at 23:30 UTC that Sunday is 00:30 on Monday 2 March in Berlin: its
 * day and its ISO week differ between the zones. a6 at 22:30 UTC on 31 March is 00:30 on 1 April in
 * Berlin (summer time, UTC+2): its month differs.
 */
class ActivityTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  @BeforeAll
  static void events() {
    ApiTesting.insert(
        clickhouse.connection(),
        "ci",
        "2026-04-01T08:00:00.250Z",
        event("a1", "change", "2026-03-01T23:30:00Z")
            .put("team", "checkout")
            .put("service", "payments")
            .put("actor", "dev-1"),
        event("a2", "change", "2026-03-02T09:00:00Z")
            .put("team", "checkout")
            .put("service", "payments")
            .put("actor", "dev-2"),
        event("a3", "deploy", "2026-03-02T11:00:00Z")
            .put("team", "checkout")
            .put("service", "payments"),
        event("a4", "usage", "2026-03-02T12:00:00Z")
            .put("team", "search")
            .put("actor", "dev-3")
            .put("feature", "service-template"),
        event("a5", "change", "2026-02-28T10:00:00Z")
            .put("team", "search")
            .put("service", "indexer")
            .put("actor", "dev-3"),
        event("a6", "change", "2026-03-31T22:30:00Z")
            .put("team", "checkout")
            .put("service", "payments")
            .put("actor", "dev-1"));
    // A later copy of a2 with other values: the first received copy is the one that counts.
    ApiTesting.insert(
        clickhouse.connection(),
        "ci",
        "2026-04-01T09:00:00Z",
        event("a2", "change", "2026-03-05T09:00:00Z").put("team", "late-copy"));
  }

  private static JsonNode activity(String query) {
    JsonNode[] body = new JsonNode[1];
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          var response = get(client, "/api/v1/activity" + query);
          assertEquals(200, response.code(), response.body().string());
          body[0] = json(response);
        });
    return body[0];
  }

  /** Each row as {@code period|[group|]type|count|actors}. */
  private static List<String> rows(JsonNode body) {
    List<String> rows = new ArrayList<>();
    String group = body.path("group_by").isNull() ? null : body.path("group_by").asText();
    for (JsonNode row : body.path("rows")) {
      rows.add(
          row.path("period").asText()
              + "|"
              + (group == null ? "" : row.path(group).asText() + "|")
              + row.path("type").asText()
              + "|"
              + row.path("count").asLong()
              + "|"
              + row.path("actors").asLong());
    }
    return rows;
  }

  @Test
  void weeksInUtcByDefaultOverTheLast90DaysOfEventTime() {
    JsonNode body = activity("");
    assertEquals("activity", body.path("metric").asText());
    assertEquals("events", body.path("unit").asText());
    assertEquals("week", body.path("granularity").asText());
    assertEquals("UTC", body.path("tz").asText());
    // The latest event is 2026-03-31T22:30Z: to is the start of the next day, from 90 days before.
    assertEquals("2026-01-01T00:00:00Z", body.path("from").asText());
    assertEquals("2026-04-01T00:00:00Z", body.path("to").asText());
    assertTrue(body.path("group_by").isNull());
    assertEquals(0, body.path("filters").size());
    assertEquals("2026-03-31T22:30:00Z", body.path("as_of").path("event_time").asText());
    // processed_at is the latest receipt of any stored copy: the late duplicate of a2 at 09:00.
    assertEquals("2026-04-01T09:00:00Z", body.path("as_of").path("processed_at").asText());
    // a5 (Sat 28 Feb) and a1 (Sun 1 Mar) are in the week of Monday 23 Feb.
    assertEquals(
        List.of(
            "2026-02-23|change|2|2",
            "2026-03-02|change|1|1",
            "2026-03-02|deploy|1|0",
            "2026-03-02|usage|1|1",
            "2026-03-30|change|1|1"),
        rows(body));
    for (JsonNode row : body.path("rows")) {
      assertTrue(row.path("low_confidence").asBoolean(), "every count is below 5: " + row);
    }
    assertEquals(
        List.of("period", "count", "type", "actors", "low_confidence"),
        fieldNames(body.path("rows").get(0)));
  }

  @Test
  void weeksInBerlinMoveTheSundayNightEventToTheNextIsoWeek() {
    JsonNode body = activity(query("tz", "Europe/Berlin"));
    assertEquals("Europe/Berlin", body.path("tz").asText());
    // The latest event is 1 April 00:30 in Berlin: to is 2 April, from 90 days earlier (winter).
    assertEquals("2026-01-02T00:00:00+01:00", body.path("from").asText());
    assertEquals("2026-04-02T00:00:00+02:00", body.path("to").asText());
    assertEquals(
        List.of(
            "2026-02-23|change|1|1",
            "2026-03-02|change|2|2",
            "2026-03-02|deploy|1|0",
            "2026-03-02|usage|1|1",
            "2026-03-30|change|1|1"),
        rows(body));
  }

  @Test
  void daysInUtcAndInBerlin() {
    assertEquals(
        List.of(
            "2026-02-28|change|1|1",
            "2026-03-01|change|1|1",
            "2026-03-02|change|1|1",
            "2026-03-31|change|1|1"),
        rows(activity(query("granularity", "day", "type", "change"))));
    // 23:30 UTC on 1 March is 2 March in Berlin; 22:30 UTC on 31 March is 1 April.
    assertEquals(
        List.of("2026-02-28|change|1|1", "2026-03-02|change|2|2", "2026-04-01|change|1|1"),
        rows(activity(query("granularity", "day", "type", "change", "tz", "Europe/Berlin"))));
  }

  @Test
  void monthsInUtcAndInBerlin() {
    assertEquals(
        List.of(
            "2026-02-01|change|1|1",
            "2026-03-01|change|3|2",
            "2026-03-01|deploy|1|0",
            "2026-03-01|usage|1|1"),
        rows(activity(query("granularity", "month"))));
    assertEquals(
        List.of(
            "2026-02-01|change|1|1",
            "2026-03-01|change|2|2",
            "2026-03-01|deploy|1|0",
            "2026-03-01|usage|1|1",
            "2026-04-01|change|1|1"),
        rows(activity(query("granularity", "month", "tz", "Europe/Berlin"))));
  }

  @Test
  void groupedByTeamOrderedByPeriodThenTeam() {
    JsonNode body = activity(query("group_by", "team"));
    assertEquals("team", body.path("group_by").asText());
    assertEquals(
        List.of(
            "2026-02-23|checkout|change|1|1",
            "2026-02-23|search|change|1|1",
            "2026-03-02|checkout|change|1|1",
            "2026-03-02|checkout|deploy|1|0",
            "2026-03-02|search|usage|1|1",
            "2026-03-30|checkout|change|1|1"),
        rows(body));
    assertEquals(
        List.of("period", "team", "count", "type", "actors", "low_confidence"),
        fieldNames(body.path("rows").get(0)));
  }

  @Test
  void groupedByServiceWithEventsWithoutOneAsNull() {
    JsonNode body = activity(query("group_by", "service", "granularity", "month"));
    assertEquals(
        List.of(
            "2026-02-01|indexer|change|1|1",
            "2026-03-01|payments|change|3|2",
            "2026-03-01|payments|deploy|1|0",
            "2026-03-01|null|usage|1|1"),
        rows(body));
    assertTrue(body.path("rows").get(3).get("service").isNull());
  }

  @Test
  void filtersByTeamServiceAndTypeAndEchoesThem() {
    JsonNode body =
        activity(query("service", "payments", "granularity", "month", "team", "checkout,search"));
    assertEquals(List.of("2026-03-01|change|3|2", "2026-03-01|deploy|1|0"), rows(body));
    assertEquals(
        "{\"team\":[\"checkout\",\"search\"],\"service\":[\"payments\"]}",
        body.path("filters").toString());
    assertEquals(
        List.of("2026-02-01|change|1|1", "2026-03-01|usage|1|1"),
        rows(activity(query("team", "search", "granularity", "month"))));
    assertEquals(
        List.of("2026-03-01|deploy|1|0", "2026-03-01|usage|1|1"),
        rows(activity(query("type", "deploy", "type", "usage", "granularity", "month"))));
  }

  @Test
  void explicitRangeIsHalfOpenAndDaysAreTakenInTheZone() {
    JsonNode utc = activity(query("from", "2026-03-01", "to", "2026-03-02", "granularity", "day"));
    assertEquals("2026-03-01T00:00:00Z", utc.path("from").asText());
    assertEquals(List.of("2026-03-01|change|1|1"), rows(utc));
    JsonNode berlin =
        activity(
            query(
                "from",
                "2026-03-02",
                "to",
                "2026-03-03",
                "granularity",
                "day",
                "tz",
                "Europe/Berlin"));
    assertEquals("2026-03-02T00:00:00+01:00", berlin.path("from").asText());
    assertEquals(
        List.of("2026-03-02|change|2|2", "2026-03-02|deploy|1|0", "2026-03-02|usage|1|1"),
        rows(berlin));
    // An instant bound: a2 at 09:00:00 exactly is inside [09:00:00, ...) and outside [...,
    // 09:00:00).
    assertEquals(
        List.of("2026-03-02|change|1|1"),
        rows(
            activity(
                query(
                    "from",
                    "2026-03-02T10:00:00+01:00",
                    "to",
                    "2026-03-02T10:00:00.001+01:00",
                    "granularity",
                    "day"))));
    assertEquals(
        List.of(),
        rows(
            activity(
                query(
                    "from",
                    "2026-03-02T09:00:01Z",
                    "to",
                    "2026-03-02T11:00:00Z",
                    "type",
                    "change"))));
  }

  @Test
  void lowConfidenceOnlyBelowTheMinimumCount() {
    ApiConfig defaults = PavedConfig.defaults().api();
    ApiConfig minimumTwo =
        new ApiConfig(defaults.port(), defaults.readTokens(), 2, defaults.cacheMaxAgeSeconds());
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection(), minimumTwo).create(),
        (app, client) -> {
          JsonNode rows = json(get(client, "/api/v1/activity")).path("rows");
          assertEquals(2, rows.get(0).path("count").asInt());
          assertFalse(rows.get(0).has("low_confidence"), rows.get(0).toString());
          assertEquals(1, rows.get(1).path("count").asInt());
          assertTrue(rows.get(1).path("low_confidence").asBoolean());
        });
  }

  @Test
  void csvHasTheSameRowsWithAHeaderLine() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          String expected =
              "period,team,count,type,actors,low_confidence\r\n"
                  + "2026-02-01,search,1,change,1,true\r\n"
                  + "2026-03-01,checkout,3,change,2,true\r\n"
                  + "2026-03-01,checkout,1,deploy,0,true\r\n"
                  + "2026-03-01,search,1,usage,1,true\r\n";
          var byFormat =
              get(
                  client,
                  "/api/v1/activity"
                      + query("granularity", "month", "group_by", "team", "format", "csv"));
          assertEquals(200, byFormat.code());
          assertEquals("text/csv; charset=utf-8; header=present", header(byFormat, "Content-Type"));
          assertEquals(expected, byFormat.body().string());
          var byAccept =
              get(
                  client,
                  "/api/v1/activity" + query("granularity", "month", "group_by", "team"),
                  java.util.Map.of("Accept", "text/csv"));
          assertEquals(expected, byAccept.body().string());
        });
  }

  private static List<String> fieldNames(JsonNode row) {
    List<String> names = new ArrayList<>();
    row.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
