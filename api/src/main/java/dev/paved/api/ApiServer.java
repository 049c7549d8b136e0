package dev.paved.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.api.health.StorageStatus;
import dev.paved.config.ApiConfig;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The read side's HTTP server: health now, the metric API under {@code /api/v1} and the dashboards
 * as they arrive. It holds no state of its own, so any number of copies can serve the same
 * ClickHouse.
 */
public final class ApiServer {
  private final ApiConfig config;
  private final Supplier<StorageStatus> storage;
  private final ObjectMapper json;

  public ApiServer(ApiConfig config, Supplier<StorageStatus> storage, ObjectMapper json) {
    this.config = config;
    this.storage = storage;
    this.json = json;
  }

  public Javalin create() {
    return Javalin.create(
        app -> {
          app.jsonMapper(new JavalinJackson(json, false));
          app.startup.showJavalinBanner = false;
          app.routes.get("/health", this::health);
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
}
