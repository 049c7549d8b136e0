package dev.paved.api;

import static dev.paved.api.ApiTesting.get;
import static dev.paved.api.ApiTesting.header;
import static dev.paved.api.ApiTesting.invalidNames;
import static dev.paved.api.ApiTesting.json;
import static dev.paved.api.ApiTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every bad parameter is a 400 problem+json whose invalid_params names it and says why. */
class ParametersTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  /** Asserts a 400 naming exactly {@code names}; returns the first reason. */
  private static String refused(HttpClient client, String path, List<String> names) {
    var response = get(client, path);
    assertEquals(400, response.code(), path + " -> " + response.body().string());
    assertEquals("application/problem+json", header(response, "Content-Type"));
    JsonNode problem = json(response);
    assertEquals("urn:paved:problem:invalid-parameters", problem.path("type").asText());
    assertEquals("Invalid query parameters", problem.path("title").asText());
    assertEquals(400, problem.path("status").asInt());
    assertTrue(problem.path("detail").asText().contains(names.get(0)), problem.toString());
    assertEquals(names, invalidNames(problem), path);
    return problem.path("invalid_params").get(0).path("reason").asText();
  }

  private static String refused(HttpClient client, String path, String name) {
    return refused(client, path, List.of(name));
  }

  @Test
  void timeBounds() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          String activity = "/api/v1/activity";
          assertTrue(
              refused(client, activity + query("from", "2026-13-01"), "from")
                  .contains("not a calendar date"));
          assertTrue(
              refused(client, activity + query("from", "yesterday"), "from")
                  .contains("neither YYYY-MM-DD nor an RFC 3339"));
          refused(client, activity + query("to", "2026-03-01T00:00:00"), "to");
          refused(client, activity + query("to", "2026-03-01T00:00Z"), "to");
          // An unencoded '+' arrives as a space: the reason says how to send it.
          assertTrue(
              refused(client, activity + "?from=2026-03-01T00:00:00+01:00", "from")
                  .contains("%2B"));
          assertTrue(
              refused(client, activity + query("from", "2026-03-02", "to", "2026-03-01"), "to")
                  .contains("must be after from"));
          refused(client, activity + query("from", "2026-03-01", "to", "2026-03-01"), "to");
          assertTrue(
              refused(client, activity + query("from", "1969-12-31"), "from")
                  .contains("between 1970-01-01 and 2105-12-31"));
          refused(client, activity + query("to", "2106-01-01"), "to");
        });
  }

  @Test
  void choicesAndSlugs() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          String activity = "/api/v1/activity";
          assertTrue(
              refused(client, activity + query("granularity", "year"), "granularity")
                  .contains("day, week, month"));
          refused(client, activity + query("tz", "Mars/Olympus_Mons"), "tz");
          refused(client, activity + query("tz", "+01:00"), "tz");
          refused(client, activity + query("tz", "europe/berlin"), "tz");
          refused(client, activity + query("tz", "SystemV/EST5"), "tz");
          refused(client, activity + query("team", "Checkout"), "team");
          refused(client, activity + query("team", ""), "team");
          refused(client, activity + query("team", "checkout,"), "team");
          refused(client, activity + query("service", "a".repeat(101)), "service");
          refused(client, activity + query("type", "build"), "type");
          assertTrue(
              refused(client, activity + query("group_by", "actor"), "group_by")
                  .contains("team, service"));
          refused(client, activity + query("format", "xml"), "format");
          refused(client, "/api/v1/events" + query("limit", "0"), "limit");
          assertTrue(
              refused(client, "/api/v1/events" + query("limit", "1001"), "limit")
                  .contains("between 1 and 1000"));
          refused(client, "/api/v1/events" + query("limit", "ten"), "limit");
          refused(client, "/api/v1/events" + query("cursor", "not a cursor!"), "cursor");
          refused(client, "/api/v1/events" + query("cursor", "bm90LWEtY3Vyc29y"), "cursor");
          refused(client, "/api/v1/events" + query("actor", "dev\u0001"), "actor");
        });
  }

  @Test
  void unknownRepeatedAndSeveralAtOnce() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          String activity = "/api/v1/activity";
          assertTrue(
              refused(client, activity + query("grnularity", "day"), "grnularity")
                  .startsWith("unknown parameter; this route accepts format, from, granularity"));
          // Parameters of other routes are unknown here: activity has no limit, events no
          // granularity.
          refused(client, activity + query("limit", "10"), "limit");
          refused(client, activity + query("environment", "production"), "environment");
          refused(client, "/api/v1/events" + query("granularity", "day"), "granularity");
          assertTrue(
              refused(
                      client,
                      activity + query("granularity", "day", "granularity", "week"),
                      "granularity")
                  .contains("given 2 times"));
          refused(
              client,
              activity + query("tz", "Nowhere", "granularity", "hour", "colour", "red"),
              List.of("colour", "tz", "granularity"));
        });
  }

  @Test
  void validParametersInEveryFormAreAccepted() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          for (String q :
              List.of(
                  query("from", "2026-03-01T00:00:00+01:00", "to", "2026-03-02T00:00:00.5-05:00"),
                  query("from", "2026-03-01t00:00:00z"),
                  query("granularity", "month", "tz", "America/New_York", "group_by", "service"),
                  query("team", "checkout", "team", "search,platform", "format", "json"),
                  query("type", "change", "type", "deploy"))) {
            var response = get(client, "/api/v1/activity" + q);
            assertEquals(200, response.code(), q + " -> " + response.body().string());
          }
          JsonNode body =
              json(
                  get(
                      client,
                      "/api/v1/activity" + query("team", "checkout", "team", "search,checkout")));
          assertEquals("[\"checkout\",\"search\"]", body.path("filters").path("team").toString());
        });
  }
}
