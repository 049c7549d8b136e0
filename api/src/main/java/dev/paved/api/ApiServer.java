package dev.paved.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.freshness.EventClock;
import dev.paved.api.health.ClickHouseStatus;
import dev.paved.api.health.StorageStatus;
import dev.paved.api.http.Caching;
import dev.paved.api.http.Problem;
import dev.paved.api.http.ReadTokens;
import dev.paved.api.openapi.DocsPage;
import dev.paved.api.openapi.OpenApiDocument;
import dev.paved.api.route.Endpoint;
import dev.paved.api.route.Route;
import dev.paved.api.route.RouteHandler;
import dev.paved.config.ApiConfig;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side's HTTP server: {@code /health}, the read API under {@code /api/v1} (the routes of
 * {@link Endpoints}, each served by a {@link RouteHandler}), its OpenAPI document and the page that
 * shows it, and whatever routes {@link #create(Consumer)} is given (the dashboards). It holds no
 * state of its own, so any number of copies can serve the same ClickHouse.
 */
public final class ApiServer {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final ApiConfig config;
  private final ClickHouseStatus storage;
  private final ObjectMapper json;
  private final List<Endpoint> endpoints;

  public ApiServer(ApiConfig config, ClickHouseStatus storage, ObjectMapper json) {
    this.config = config;
    this.storage = storage;
    this.json = json;
    this.endpoints = Endpoints.all(storage.clickhouse(), json, config);
  }

  /** The routes served under {@code /api/v1}, as registered and documented. */
  public List<Route> routes() {
    return endpoints.stream().map(Endpoint::route).toList();
  }

  /** The OpenAPI document of every route this server registers. */
  public ObjectNode openApi() {
    return OpenApiDocument.build(routes(), json);
  }

  public Javalin create() {
    return create(routes -> {});
  }

  /**
   * The server with more routes beside the API's, e.g. the dashboards' pages (module {@code
   * dashboards}, which depends on this one, not the other way round).
   */
  public Javalin create(Consumer<JavalinConfig> moreRoutes) {
    Caching caching = new Caching(config.cacheMaxAgeSeconds());
    RouteHandler.Services services =
        new RouteHandler.Services(
            storage.clickhouse(),
            new EventClock(storage.clickhouse()),
            new ReadTokens(config.readTokens()),
            caching,
            json,
            config.minCount(),
            Clock.systemUTC());
    ObjectNode openApi = openApi();
    byte[] openApiBytes = bytes(openApi);
    byte[] docsPage = DocsPage.render(openApi).getBytes(StandardCharsets.UTF_8);
    return Javalin.create(
        app -> {
          app.jsonMapper(new JavalinJackson(json, false));
          app.startup.showJavalinBanner = false;
          app.routes.get(OpenApiDocument.HEALTH_PATH, this::health);
          app.routes.get(
              OpenApiDocument.PATH, ctx -> caching.send(ctx, "application/json", openApiBytes));
          app.routes.get(
              OpenApiDocument.DOCS_PATH,
              ctx -> caching.send(ctx, "text/html; charset=utf-8", docsPage));
          for (Endpoint endpoint : endpoints) {
            app.routes.get(endpoint.route().fullPath(), new RouteHandler(endpoint, services));
          }
          moreRoutes.accept(app);
          // No route answers 404 itself: a 404 is always a path nothing is served at.
          app.routes.error(404, ctx -> Problem.notFound(ctx.path()).writeTo(ctx, json));
          app.routes.exception(
              Exception.class,
              (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                Problem.internal("The server failed; its log has the details.").writeTo(ctx, json);
              });
        });
  }

  public Javalin start() {
    return create().start(config.port());
  }

  /** 200 only when ClickHouse answers and the schema is current; load balancers route on it. */
  private void health(Context ctx) {
    StorageStatus status = storage.get();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.healthy() ? "ok" : "unavailable");
    body.put("clickhouse", status);
    ctx.status(status.healthy() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
  }

  private byte[] bytes(ObjectNode document) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
