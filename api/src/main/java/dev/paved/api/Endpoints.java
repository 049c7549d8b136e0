package dev.paved.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.api.activity.ActivityEndpoint;
import dev.paved.api.events.EventsEndpoint;
import dev.paved.api.route.Endpoint;
import dev.paved.clickhouse.ClickHouse;
import java.util.List;

/**
 * The read API's table of contents: every endpoint the server serves under {@code /api/v1} and
 * documents in {@code /api/v1/openapi.json}. A new metric is one {@link Endpoint} class and one
 * line here.
 */
public final class Endpoints {
  private Endpoints() {}

  public static List<Endpoint> all(ClickHouse clickhouse, ObjectMapper json) {
    return List.of(new ActivityEndpoint(clickhouse), new EventsEndpoint(clickhouse, json));
  }
}
