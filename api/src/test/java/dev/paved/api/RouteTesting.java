package dev.paved.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.health.ClickHouseStatus;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.config.ApiConfig;
import dev.paved.config.PavedConfig;
import dev.paved.model.EventCodec;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What every metric route's tests share: GETs over real HTTP with the read token from a server on a
 * test's ClickHouse, and fact rows written straight into the jobs' tables as JSONEachRow.
 */
public final class RouteTesting {
  public static final String READ_TOKEN = "paved-dev-read-token";
  private static final ObjectMapper JSON = EventCodec.mapper();

  private RouteTesting() {}

  /** What a GET answered. */
  public record Reply(int status, String contentType, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** GET {@code pathAndQuery} with the read token from a server on {@code clickhouse}. */
  public static Reply get(ClickHouse clickhouse, ApiConfig config, String pathAndQuery) {
    Reply[] reply = new Reply[1];
    JavalinTest.test(
        new ApiServer(config, new ClickHouseStatus(clickhouse), JSON).create(),
        (app, client) -> {
          var response =
              client.get(
                  pathAndQuery, request -> request.header("Authorization", "Bearer " + READ_TOKEN));
          List<String> type = response.headers().get("Content-Type");
          reply[0] =
              new Reply(
                  response.code(),
                  type == null || type.isEmpty() ? null : type.get(0),
                  response.body().string());
        });
    return reply[0];
  }

  public static Reply get(ClickHouse clickhouse, String pathAndQuery) {
    return get(clickhouse, PavedConfig.defaults().api(), pathAndQuery);
  }

  /** The JSON answer of a GET that must succeed. */
  public static JsonNode ok(ClickHouse clickhouse, String pathAndQuery) {
    return answer(clickhouse, pathAndQuery, 200);
  }

  /** The JSON body of a GET that must fail with {@code status}. */
  public static JsonNode problem(ClickHouse clickhouse, String pathAndQuery, int status) {
    return answer(clickhouse, pathAndQuery, status);
  }

  private static JsonNode answer(ClickHouse clickhouse, String pathAndQuery, int status) {
    Reply reply = get(clickhouse, pathAndQuery);
    assertEquals(status, reply.status(), reply.body());
    return reply.json();
  }

  /** A GET that must fail with 400 problem+json naming {@code parameter}. */
  public static void badParameter(ClickHouse clickhouse, String pathAndQuery, String parameter) {
    Reply reply = get(clickhouse, pathAndQuery);
    assertEquals(400, reply.status(), reply.body());
    assertEquals("application/problem+json", reply.contentType().split(";")[0]);
    assertEquals(
        parameter, reply.json().path("invalid_params").get(0).path("name").asText(), reply.body());
  }

  /** {@code ?a=1&b=2}, each value URL-encoded. */
  public static String query(String... namesAndValues) {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      query
          .append(i == 0 ? '?' : '&')
          .append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
    }
    return query.toString();
  }

  /** Inserts rows into {@code table} in one insert. */
  public static void insert(ClickHouse clickhouse, String table, ObjectNode... rows) {
    StringBuilder ndjson = new StringBuilder();
    for (ObjectNode row : rows) {
      ndjson.append(row).append('\n');
    }
    clickhouse.insertJsonEachRow(
        table, new ByteArrayInputStream(ndjson.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
