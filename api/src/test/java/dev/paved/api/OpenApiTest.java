package dev.paved.api;

import static dev.paved.api.ApiTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.api.query.Param;
import dev.paved.api.route.Field;
import dev.paved.api.route.Route;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import io.javalin.testtools.JavalinTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OpenAPI document covers every route the server registers, and the page shows it. */
class OpenApiTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  @Test
  void everyRegisteredRouteIsDocumented() {
    ApiServer server = ApiTesting.server(clickhouse.connection());
    var app = server.create();
    List<String> registered = new ArrayList<>();
    for (ParsedEndpoint endpoint : app.unsafe.internalRouter.allHttpHandlers()) {
      if (endpoint.endpoint.method != HandlerType.HEAD
          && endpoint.endpoint.method != HandlerType.OPTIONS) {
        registered.add(endpoint.endpoint.method + " " + endpoint.endpoint.path);
      }
    }
    assertTrue(registered.size() >= 5, registered.toString());
    JavalinTest.test(
        app,
        (a, client) -> {
          JsonNode doc = json(client.get("/api/v1/openapi.json"));
          assertEquals("3.0.3", doc.path("openapi").asText());
          List<String> documented = new ArrayList<>();
          doc.path("paths")
              .fields()
              .forEachRemaining(
                  path ->
                      path.getValue()
                          .fieldNames()
                          .forEachRemaining(
                              method ->
                                  documented.add(method.toUpperCase() + " " + path.getKey())));
          assertEquals(
              registered.stream().sorted().toList(),
              documented.stream().sorted().toList(),
              "registered routes and documented operations");
        });
  }

  @Test
  void everyParameterAndFieldIsDocumentedWithItsType() {
    ApiServer server = ApiTesting.server(clickhouse.connection());
    JsonNode doc = server.openApi();
    assertEquals("bearer", doc.at("/components/securitySchemes/readToken/scheme").asText());
    for (Route route : server.routes()) {
      JsonNode get = doc.path("paths").path(route.fullPath()).path("get");
      List<String> names = new ArrayList<>();
      get.path("parameters").forEach(p -> names.add(p.path("name").asText()));
      assertEquals(route.parameters().stream().map(Param::name).toList(), names, route.path());
      for (JsonNode parameter : get.path("parameters")) {
        assertEquals("query", parameter.path("in").asText());
        assertTrue(parameter.path("schema").has("type"), parameter.toString());
        assertFalse(parameter.path("description").asText().isEmpty(), parameter.toString());
      }
      JsonNode row =
          get.at(
              "/responses/200/content/application~1json/schema/properties/rows/items/properties");
      for (Field field : route.fields()) {
        assertTrue(row.has(field.name()), route.path() + " " + field.name());
      }
      for (String status : List.of("400", "401", "503")) {
        assertEquals(
            "#/components/schemas/Problem",
            get.at("/responses/" + status + "/content/application~1problem+json/schema/$ref")
                .asText(),
            route.path() + " " + status);
      }
    }
    JsonNode activity = doc.path("paths").path("/api/v1/activity").path("get");
    assertEquals(
        "[\"day\",\"week\",\"month\"]",
        parameter(activity, "granularity").at("/schema/enum").toString());
    assertEquals("week", parameter(activity, "granularity").at("/schema/default").asText());
    assertEquals(
        "[\"team\",\"service\"]", parameter(activity, "group_by").at("/schema/enum").toString());
    assertEquals("array", parameter(activity, "team").at("/schema/type").asText());
    JsonNode events = doc.path("paths").path("/api/v1/events").path("get");
    assertEquals(1000, parameter(events, "limit").at("/schema/maximum").asInt());
    assertTrue(
        events.at("/responses/200/content/application~1json/schema/properties").has("next_cursor"));
    // Public routes say so: no security requirement.
    assertTrue(doc.at("/paths/~1api~1v1~1openapi.json/get/security").isEmpty());
    assertTrue(doc.at("/paths/~1health/get/security").isEmpty());
  }

  @Test
  void thePageShowsEveryRouteWithoutLoadingAnything() {
    JavalinTest.test(
        ApiTesting.server(clickhouse.connection()).create(),
        (app, client) -> {
          String page = client.get("/api/v1").body().string();
          for (String path :
              List.of("/health", "/api/v1/openapi.json", "/api/v1/activity", "/api/v1/events")) {
            assertTrue(page.contains(">GET</span>" + path), path);
          }
          assertTrue(page.contains("day | week | month"), "enums are shown");
          assertFalse(page.contains("<script"), "no script");
          assertFalse(page.contains("src=\"http"), "nothing from the network");
          assertFalse(page.contains("href=\"http"), "nothing from the network");
        });
  }

  private static JsonNode parameter(JsonNode operation, String name) {
    for (JsonNode parameter : operation.path("parameters")) {
      if (parameter.path("name").asText().equals(name)) {
        return parameter;
      }
    }
    throw new AssertionError("no parameter " + name);
  }
}
