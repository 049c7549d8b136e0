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
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /api/v1/events}: the raw events, filtered, newest first, in keyset pages. */
class EventsTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  /** Newest first: time, then id, both descending. */
  private static final List<String> ALL =
      List.of(
          "late",
          "s7",
          "s6",
          "s5",
          "s4",
          "s3",
          "s2",
          "s1",
          "dep-prod",
          "dep-staging",
          "run-2",
          "run-1",
          "quote");

  @BeforeAll
  static void events() {
    List<ObjectNode> same = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      // Seven events in the same millisecond: pages must cut between them without loss.
      same.add(event("s" + i, "change", "2026-03-03T12:00:00.500Z").put("team", "checkout"));
    }
    ApiTesting.insert(
        clickhouse.connection(), "github", "2026-03-03T12:00:01Z", same.toArray(new ObjectNode[0]));
    var deployProd =
        event("dep-prod", "deploy", "2026-03-03T11:00:00Z")
            .put("team", "checkout")
            .put("service", "payments")
            .put("deploy_id", "d-1")
            .put("environment", "production")
            .put("status", "success");
    deployProd.putArray("change_ids").add("s1").add("s2");
    deployProd.putObject("attributes").put("environment", "staging").put("region", "eu");
    ApiTesting.insert(
        clickhouse.connection(),
        "jenkins",
        "2026-03-03T11:00:02.042Z",
        deployProd,
        event("dep-staging", "deploy", "2026-03-03T10:00:00Z")
            .put("team", "checkout")
            .put("service", "payments")
            .put("deploy_id", "d-2")
            .put("environment", "staging")
            .put("status", "failure"),
        event("run-2", "usage", "2026-03-02T10:05:00Z")
            .put("team", "search")
            .put("actor", "dev-7")
            .put("feature", "service-template")
            .put("action", "failed")
            .put("run_id", "r-1")
            .put("step", "configure-ci")
            .put("error", "quota, \"exceeded\""),
        event("run-1", "usage", "2026-03-02T10:00:00Z")
            .put("team", "search")
            .put("actor", "dev-7")
            .put("feature", "service-template")
            .put("action", "started")
            .put("run_id", "r-1"),
        event("quote", "ticket", "2026-03-01T09:00:00Z")
            .put("actor", "o'brien")
            .put("feature", "secrets")
            .put("action", "opened"));
    ApiTesting.insert(
        clickhouse.connection(),
        "github",
        "2026-03-04T00:00:00Z",
        event("late", "change", "2026-03-03T23:00:00Z").put("team", "search"));
  }

  private static JsonNode events(HttpClient client, String query) {
    var response = get(client, "/api/v1/events" + query);
    assertEquals(200, response.code(), response.body().string());
    return json(response);
  }

  private static List<String> ids(JsonNode body) {
    List<String> ids = new ArrayList<>();
    body.path("rows").forEach(row -> ids.add(row.path("id").asText()));
    return ids;
  }

  @Test
  void newestFirstWithTheEnvelope() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          JsonNode body = events(client, "");
          assertEquals(ALL, ids(body));
          assertEquals("events", body.path("metric").asText());
          assertFalse(body.has("granularity"));
          assertEquals("2026-03-04T00:00:00Z", body.path("to").asText());
          assertEquals("2026-03-03T23:00:00Z", body.path("as_of").path("event_time").asText());
          assertTrue(body.path("next_cursor").isNull());
        });
  }

  @Test
  void eachRowIsTheCanonicalEventWithReceivedAtAndSender() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          JsonNode deploy =
              events(client, query("type", "deploy", "limit", "1")).path("rows").get(0);
          assertEquals(
              "{\"id\":\"dep-prod\",\"type\":\"deploy\",\"time\":\"2026-03-03T11:00:00Z\","
                  + "\"team\":\"checkout\",\"service\":\"payments\",\"deploy_id\":\"d-1\","
                  + "\"environment\":\"production\",\"status\":\"success\","
                  + "\"change_ids\":[\"s1\",\"s2\"],"
                  + "\"attributes\":{\"environment\":\"staging\",\"region\":\"eu\"},"
                  + "\"received_at\":\"2026-03-03T11:00:02.042Z\",\"sender\":\"jenkins\"}",
              deploy.toString());
        });
  }

  @Test
  void filtersNarrowAndRepeatedValuesWiden() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          assertEquals(
              List.of("dep-prod", "dep-staging"), ids(events(client, query("type", "deploy"))));
          assertEquals(
              List.of("late", "run-2", "run-1"), ids(events(client, query("team", "search"))));
          assertEquals(
              List.of("dep-prod", "dep-staging"),
              ids(events(client, query("service", "payments"))));
          assertEquals(
              List.of("run-2", "run-1", "quote"),
              ids(events(client, query("feature", "service-template", "feature", "secrets"))));
          assertEquals(List.of("run-2"), ids(events(client, query("step", "configure-ci"))));
          assertEquals(List.of("run-1"), ids(events(client, query("action", "started"))));
          assertEquals(List.of("run-2", "run-1"), ids(events(client, query("run_id", "r-1"))));
          // A quote in a value is quoted, not interpreted, and still finds its event.
          assertEquals(List.of("quote"), ids(events(client, query("actor", "o'brien"))));
          assertEquals(
              List.of("late", "s7", "s6", "s5", "s4", "s3", "s2", "s1", "dep-prod", "dep-staging"),
              ids(
                  events(
                      client,
                      query(
                          "type",
                          "deploy",
                          "type",
                          "change",
                          "team",
                          "search",
                          "team",
                          "checkout",
                          "from",
                          "2026-03-03T10:00:00Z"))));
          // The deploy's own environment counts, not an attribute of the same name.
          assertEquals(
              List.of("dep-prod"), ids(events(client, query("environment", "production"))));
          assertEquals(
              List.of("dep-staging"), ids(events(client, query("environment", "staging"))));
          // from inclusive, to exclusive, to the millisecond.
          assertEquals(
              List.of("dep-prod", "dep-staging"),
              ids(
                  events(
                      client,
                      query("from", "2026-03-03T10:00:00Z", "to", "2026-03-03T12:00:00.500Z"))));
          assertEquals(
              List.of("s7", "s6", "s5", "s4", "s3", "s2", "s1", "dep-prod"),
              ids(
                  events(
                      client,
                      query("from", "2026-03-03T11:00:00Z", "to", "2026-03-03T12:00:00.501Z"))));
        });
  }

  @Test
  void pagesCutBetweenEqualTimesWithoutDuplicatesOrGaps() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          List<String> seen = new ArrayList<>();
          List<Integer> sizes = new ArrayList<>();
          String cursor = null;
          do {
            JsonNode page =
                events(
                    client,
                    cursor == null ? query("limit", "3") : query("limit", "3", "cursor", cursor));
            seen.addAll(ids(page));
            sizes.add(page.path("rows").size());
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
          } while (cursor != null && sizes.size() < 10);
          assertEquals(ALL, seen);
          assertEquals(List.of(3, 3, 3, 3, 1), sizes);
          Set<String> distinct = new LinkedHashSet<>(seen);
          assertEquals(seen.size(), distinct.size());
          // An exact multiple of the limit: the last full page says there is no more.
          JsonNode lastFull = events(client, query("type", "deploy", "limit", "2"));
          assertEquals(List.of("dep-prod", "dep-staging"), ids(lastFull));
          assertTrue(lastFull.path("next_cursor").isNull());
        });
  }

  @Test
  void pagesKeepTheirFilters() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          JsonNode first = events(client, query("team", "checkout", "limit", "4"));
          assertEquals(List.of("s7", "s6", "s5", "s4"), ids(first));
          JsonNode second =
              events(
                  client,
                  query(
                      "team",
                      "checkout",
                      "limit",
                      "4",
                      "cursor",
                      first.path("next_cursor").asText()));
          assertEquals(List.of("s3", "s2", "s1", "dep-prod"), ids(second));
          JsonNode third =
              events(
                  client,
                  query(
                      "team",
                      "checkout",
                      "limit",
                      "4",
                      "cursor",
                      second.path("next_cursor").asText()));
          assertEquals(List.of("dep-staging"), ids(third));
          assertTrue(third.path("next_cursor").isNull());
        });
  }

  @Test
  void csvWritesNestedValuesAsJsonAndQuotesWhatNeedsIt() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          var response = get(client, "/api/v1/events" + query("run_id", "r-1", "format", "csv"));
          assertEquals(200, response.code());
          assertEquals("text/csv; charset=utf-8; header=present", header(response, "Content-Type"));
          String[] lines = response.body().string().split("\r\n");
          assertEquals(3, lines.length);
          assertTrue(
              lines[0].startsWith("id,type,time,team,actor,service,source,change_id,"), lines[0]);
          assertTrue(lines[0].endsWith(",attributes,received_at,sender"), lines[0]);
          assertTrue(
              lines[1].startsWith("run-2,usage,2026-03-02T10:05:00Z,search,dev-7,,,"), lines[1]);
          assertTrue(lines[1].contains(",\"quota, \"\"exceeded\"\"\","), lines[1]);
          var deploy =
              get(
                  client,
                  "/api/v1/events" + query("type", "deploy", "limit", "1", "format", "csv"));
          String row = deploy.body().string().split("\r\n")[1];
          assertTrue(row.contains(",\"[\"\"s1\"\",\"\"s2\"\"]\","), row);
          assertTrue(
              row.contains(",\"{\"\"environment\"\":\"\"staging\"\",\"\"region\"\":\"\"eu\"\"}\","),
              row);
        });
  }
}
