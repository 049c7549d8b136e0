package dev.paved.api;

import static dev.paved.api.ApiTesting.event;
import static dev.paved.api.ApiTesting.get;
import static dev.paved.api.ApiTesting.invalidNames;
import static dev.paved.api.ApiTesting.json;
import static dev.paved.api.ApiTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import io.javalin.testtools.JavalinTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SQL injection attempts through every kind of parameter: each is refused (400) when the value is
 * not of its type, or quoted and matched literally when it is (ids are free text). Never executed:
 * the table is still there afterwards with every row.
 */
class InjectionTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final List<String> ATTACKS =
      List.of(
          "x' OR 1=1 --",
          "x' OR '1'='1",
          "x\\' OR 1=1 --",
          "x\\\\' OR 1=1 --",
          "'); DROP TABLE events; --",
          "x` OR 1=1 --",
          "x\" OR 1=1 --",
          "x') OR ('1'='1",
          "x' UNION ALL SELECT * FROM system.tables --",
          "x'\n OR 1=1 --",
          "x' /* comment */ OR 1=1");

  @BeforeAll
  static void events() {
    ApiTesting.insert(
        clickhouse.connection(),
        "ci",
        "2026-03-02T00:00:00Z",
        event("e1", "change", "2026-03-01T10:00:00Z").put("team", "checkout").put("actor", "dev-1"),
        event("e2", "change", "2026-03-01T11:00:00Z").put("team", "search").put("actor", "dev-2"));
  }

  @AfterEach
  void theTableIsIntactAfterEveryAttempt() {
    assertEquals(2, ApiTesting.rawRows(clickhouse.connection()));
    assertEquals(
        1,
        clickhouse
            .connection()
            .queryRows(
                "SELECT count() AS n FROM system.tables WHERE database = '"
                    + clickhouse.connection().database()
                    + "' AND name = 'events'")
            .get(0)
            .get("n")
            .asInt());
  }

  @Test
  void typedParametersRefuseInjection() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          for (String attack : ATTACKS) {
            for (String[] target :
                new String[][] {
                  {"/api/v1/activity", "team"},
                  {"/api/v1/activity", "service"},
                  {"/api/v1/activity", "type"},
                  {"/api/v1/activity", "tz"},
                  {"/api/v1/activity", "granularity"},
                  {"/api/v1/activity", "group_by"},
                  {"/api/v1/activity", "from"},
                  {"/api/v1/activity", "to"},
                  {"/api/v1/activity", "format"},
                  {"/api/v1/events", "feature"},
                  {"/api/v1/events", "step"},
                  {"/api/v1/events", "action"},
                  {"/api/v1/events", "environment"},
                  {"/api/v1/events", "limit"},
                  {"/api/v1/events", "cursor"},
                }) {
              var response = get(client, target[0] + query(target[1], attack));
              assertEquals(400, response.code(), target[1] + "=" + attack);
              assertEquals(List.of(target[1]), invalidNames(json(response)), target[1]);
            }
          }
          for (String attack :
              List.of("UTC'); DROP TABLE events; --", "UTC', 'x", "week; SELECT 1")) {
            assertEquals(400, get(client, "/api/v1/activity" + query("tz", attack)).code());
            assertEquals(
                400, get(client, "/api/v1/activity" + query("granularity", attack)).code());
          }
          // A parameter name is never SQL either.
          assertEquals(400, get(client, "/api/v1/activity" + query("team' OR 1=1 --", "x")).code());
        });
  }

  @Test
  void freeTextIdsAreQuotedAndMatchNothingOrAreRefused() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          assertEquals(2, json(get(client, "/api/v1/events")).path("rows").size());
          for (String attack : ATTACKS) {
            for (String name : List.of("actor", "run_id")) {
              var response = get(client, "/api/v1/events" + query(name, attack));
              if (response.code() == 400) {
                // Ids are printable text: one with a line break is refused as such.
                assertEquals(List.of(name), invalidNames(json(response)), name + "=" + attack);
              } else {
                assertEquals(200, response.code(), name + "=" + attack);
                assertEquals(0, json(response).path("rows").size(), name + "=" + attack);
              }
            }
            // A cursor is base64: one that decodes to an injection is either refused or quoted.
            String cursor =
                Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                        ("e1:99999999999999:" + attack).getBytes(StandardCharsets.UTF_8));
            var page = get(client, "/api/v1/events" + query("cursor", cursor));
            assertEquals(200, page.code(), attack);
            // Every event is before that cursor's time, so the page has them all, no more.
            assertEquals(2, json(page).path("rows").size(), attack);
          }
        });
  }
}
