package dev.paved.api;

import static dev.paved.api.ApiTesting.event;
import static dev.paved.api.ApiTesting.get;
import static dev.paved.api.ApiTesting.header;
import static dev.paved.api.ApiTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.PrivateClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.PavedConfig;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Read tokens, problem+json, caching headers and 304, 404 and 503. */
class HttpTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final List<String> READ_ROUTES = List.of("/api/v1/activity", "/api/v1/events");

  @BeforeAll
  static void events() {
    ApiTesting.insert(
        clickhouse.connection(),
        "ci",
        "2026-03-02T00:00:00Z",
        event("e1", "change", "2026-03-01T10:00:00Z").put("team", "checkout"));
  }

  private static Response as(HttpClient client, String path, String authorization) {
    return client.get(
        path,
        request -> {
          if (authorization != null) {
            request.header("Authorization", authorization);
          }
        });
  }

  private static void assertUnauthorized(Response response) {
    assertEquals(401, response.code());
    assertEquals("application/problem+json", header(response, "Content-Type"));
    assertEquals("Bearer realm=\"paved\"", header(response, "WWW-Authenticate"));
    assertEquals("no-store", header(response, "Cache-Control"));
    JsonNode problem = json(response);
    assertEquals("urn:paved:problem:unauthorized", problem.path("type").asText());
    assertEquals(401, problem.path("status").asInt());
    assertTrue(problem.has("title") && problem.has("detail"), problem.toString());
  }

  @Test
  void readRoutesNeedAReadToken() {
    String ingestToken = PavedConfig.defaults().ingest().tokens().get(0).token();
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          for (String route : READ_ROUTES) {
            assertUnauthorized(as(client, route, null));
            assertUnauthorized(as(client, route, "Bearer " + ingestToken));
            assertUnauthorized(as(client, route, "Bearer paved-dev-read-tokenX"));
            assertUnauthorized(as(client, route, "Bearer "));
            assertUnauthorized(as(client, route, "Basic cGF2ZWQ6cGF2ZWQ="));
            assertUnauthorized(as(client, route, ApiTesting.READ_TOKEN));
            assertEquals(200, as(client, route, "Bearer " + ApiTesting.READ_TOKEN).code());
            assertEquals(200, as(client, route, "bearer " + ApiTesting.READ_TOKEN).code());
          }
          // Authentication comes first: a bad parameter without a token is still a 401.
          assertUnauthorized(as(client, "/api/v1/activity?granularity=year", null));
        });
  }

  @Test
  void documentationAndHealthArePublic() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          assertEquals(200, client.get("/health").code());
          assertEquals(200, client.get("/api/v1/openapi.json").code());
          Response page = client.get("/api/v1");
          assertEquals(200, page.code());
          assertTrue(header(page, "Content-Type").startsWith("text/html"));
          assertEquals(200, client.get("/api/v1/").code());
        });
  }

  @Test
  void unknownRoutesAreProblems() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          Response response = get(client, "/api/v1/lead-time");
          assertEquals(404, response.code());
          assertEquals("application/problem+json", header(response, "Content-Type"));
          assertEquals("urn:paved:problem:not-found", json(response).path("type").asText());
        });
  }

  @Test
  void answersCarryAnETagAndCacheControlAndRevalidateTo304() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          for (String path :
              List.of(
                  "/api/v1/activity",
                  "/api/v1/events?type=change",
                  "/api/v1/openapi.json",
                  "/api/v1")) {
            Response first = get(client, path);
            assertEquals(200, first.code(), path);
            String etag = header(first, "ETag");
            assertNotNull(etag, path);
            assertTrue(etag.matches("\"[A-Za-z0-9_-]{22}\""), etag);
            assertEquals("private, max-age=30", header(first, "Cache-Control"));
            assertEquals(etag, header(get(client, path), "ETag"), "same body, same tag: " + path);
            Response again = get(client, path, Map.of("If-None-Match", etag));
            assertEquals(304, again.code(), path);
            assertEquals("", again.body().string());
            assertEquals(etag, header(again, "ETag"));
            assertEquals(
                304, get(client, path, Map.of("If-None-Match", "\"x\", W/" + etag)).code());
            assertEquals(200, get(client, path, Map.of("If-None-Match", "\"other\"")).code());
          }
          String json = header(get(client, "/api/v1/activity"), "ETag");
          String csv = header(get(client, "/api/v1/activity?format=csv"), "ETag");
          assertNotEquals(json, csv, "JSON and CSV are different bodies");
          String weekly = header(get(client, "/api/v1/activity?granularity=day"), "ETag");
          assertNotEquals(json, weekly);
        });
  }

  @Test
  void answers503WhenClickHouseIsUnreachable(@TempDir Path directory) {
    PrivateClickHouse stopped = PrivateClickHouse.start(clickhouse.config(), directory);
    try (ClickHouse gone = ClickHouse.connect(clickhouse.config(), stopped.httpUrl())) {
      stopped.close();
      JavalinTest.test(
          ApiTesting.server(gone).create(),
          (app, client) -> {
            for (String route : READ_ROUTES) {
              Response response = get(client, route);
              assertEquals(503, response.code(), route);
              assertEquals("application/problem+json", header(response, "Content-Type"));
              JsonNode problem = json(response);
              assertEquals("urn:paved:problem:storage-unavailable", problem.path("type").asText());
              assertEquals(503, problem.path("status").asInt());
            }
            // The documentation does not need ClickHouse.
            assertEquals(200, client.get("/api/v1/openapi.json").code());
          });
    }
  }
}
