package dev.paved.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.health.ClickHouseStatus;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.config.ApiConfig;
import dev.paved.config.PavedConfig;
import dev.paved.model.EventCodec;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Test helpers: a server on a test ClickHouse, requests with the read token, events to insert. */
final class ApiTesting {
  static final String READ_TOKEN = "paved-dev-read-token";
  static final ObjectMapper JSON = EventCodec.mapper();
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private ApiTesting() {}

  static ApiServer server(ClickHouse clickhouse) {
    return server(clickhouse, PavedConfig.defaults().api());
  }

  static ApiServer server(ClickHouse clickhouse, ApiConfig config) {
    return new ApiServer(config, new ClickHouseStatus(clickhouse), JSON);
  }

  /** GET with the read token. */
  static Response get(HttpClient client, String pathAndQuery) {
    return client.get(
        pathAndQuery, request -> request.header("Authorization", "Bearer " + READ_TOKEN));
  }

  /** GET with the read token and more headers. */
  static Response get(HttpClient client, String pathAndQuery, Map<String, String> headers) {
    return client.get(
        pathAndQuery,
        request -> {
          request.header("Authorization", "Bearer " + READ_TOKEN);
          headers.forEach(request::header);
        });
  }

  /** {@code ?a=1&b=2}, each value URL-encoded. */
  static String query(String... namesAndValues) {
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

  static JsonNode json(Response response) {
    try {
      return JSON.readTree(response.body().string());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String header(Response response, String name) {
    List<String> values = response.headers().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The names in a problem's {@code invalid_params}. */
  static List<String> invalidNames(JsonNode problem) {
    List<String> names = new ArrayList<>();
    problem.path("invalid_params").forEach(p -> names.add(p.path("name").asText()));
    return names;
  }

  /** An event as a sender would send it (canonical JSON), received a second after its time. */
  static ObjectNode event(String id, String type, String time) {
    ObjectNode event = JSON.createObjectNode();
    event.put("id", id);
    event.put("type", type);
    event.put("time", time);
    return event;
  }

  /** Inserts events into the raw table as ingest stores them: columns plus the payload. */
  static void insert(
      ClickHouse clickhouse, String sender, String receivedAt, ObjectNode... events) {
    StringBuilder rows = new StringBuilder();
    for (ObjectNode event : events) {
      Instant time = Instant.parse(event.get("time").asText());
      Instant received = Instant.parse(receivedAt);
      ObjectNode row = JSON.createObjectNode();
      row.put("id", event.get("id").asText());
      row.put("type", event.get("type").asText());
      row.put("time", utc(time));
      row.put("time_ms", time.toEpochMilli() % 1000);
      for (String column :
          List.of("team", "actor", "service", "source", "action", "feature", "step", "run_id")) {
        row.put(column, event.path(column).asText(""));
      }
      row.put("sender", sender);
      var keys = row.putArray("attr_keys");
      var values = row.putArray("attr_values");
      for (Iterator<Map.Entry<String, JsonNode>> it = event.path("attributes").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> attribute = it.next();
        keys.add(attribute.getKey());
        values.add(attribute.getValue().asText());
      }
      row.put("payload", event.toString());
      row.put("received_at", utc(received));
      row.put("received_ms", received.toEpochMilli() % 1000);
      rows.append(row).append('\n');
    }
    clickhouse.insertJsonEachRow(
        "events", new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static String utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(DATE_TIME);
  }

  /** How many rows the raw table has (every copy), to show nothing was written or dropped. */
  static long rawRows(ClickHouse clickhouse) {
    return clickhouse
        .queryRows("SELECT count() AS n FROM " + clickhouse.table("events"))
        .get(0)
        .get("n")
        .asLong();
  }
}
