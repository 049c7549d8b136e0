package dev.paved.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.api.ApiServer;
import dev.paved.api.health.ClickHouseStatus;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.ApiConfig;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.ingest.log.EventLog;
import dev.paved.ingest.log.EventTopic;
import dev.paved.ingest.log.LogRecord;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.jobs.PavedJobs;
import dev.paved.model.Decoded;
import dev.paved.model.Event;
import dev.paved.model.EventCodec;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Paved stack for the browser tests: the small event set of {@code dashboard-events.ndjson}
 * appended to a private Kafka broker as ingest appends it, the real jobs' backfill writing the
 * metric rows into a private ClickHouse, and the API server with the dashboards on a free port.
 */
final class BrowserStack implements AutoCloseable {
  static final String READ_TOKEN = "browser-test-read-token";
  private static final ObjectMapper JSON = EventCodec.mapper();

  private final ClickHouse clickhouse;
  private final Javalin server;
  private final HttpClient http = HttpClient.newHttpClient();

  private BrowserStack(ClickHouse clickhouse, Javalin server) {
    this.clickhouse = clickhouse;
    this.server = server;
  }

  static BrowserStack start(
      PrivateKafkaExtension kafka, PrivateClickHouseExtension storage, Path home) {
    String topic = "dashboards.events";
    String database = storage.freshDatabaseName("dashboards");
    append(kafka, topic, events());
    PavedConfig config =
        PavedConfig.from(
            SettingValues.of(
                Map.of(
                    "PAVED_HOME",
                    home.toString(),
                    "PAVED_KAFKA_BOOTSTRAP_SERVERS",
                    kafka.bootstrapServers(),
                    "PAVED_KAFKA_TOPIC",
                    topic,
                    "PAVED_CLICKHOUSE_URL",
                    storage.httpUrl(),
                    "PAVED_CLICKHOUSE_DATABASE",
                    database,
                    "PAVED_JOBS_CONSUMER_GROUP",
                    "group-" + topic),
                Map.of()));
    PavedJobs.backfill(config, kafka.bootstrapServers(), storage.httpUrl());
    ClickHouse clickhouse = storage.connect(database);
    // A token other than the published development one: the pages must ask for it.
    ApiConfig api = new ApiConfig(0, List.of(READ_TOKEN), 2, 30);
    Javalin server =
        new ApiServer(api, new ClickHouseStatus(clickhouse), JSON)
            .create(new Dashboards(api))
            .start(0);
    return new BrowserStack(clickhouse, server);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The JSON answer of {@code GET /api/v1<path>?<query>} with the read token; must be 200. */
  JsonNode api(String path, String query) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(baseUrl() + "/api/v1" + path + (query.isEmpty() ? "" : "?" + query)))
            .header("Authorization", "Bearer " + READ_TOKEN)
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), path + "?" + query + ": " + response.body());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether this server serves {@code /api/v1<path>} (issue 5's endpoints arrive later). */
  boolean serves(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/openapi.json")).build();
    try {
      String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
      return JSON.readTree(body).path("paths").has("/api/v1" + path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
    clickhouse.close();
  }

  private static List<Event> events() {
    List<Event> events = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(
                BrowserStack.class.getResourceAsStream("/dashboard-events.ndjson"),
                StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        Decoded decoded =
            EventCodec.decode(JSON.readTree(line), Instant.parse("2026-04-01T00:00:00Z"));
        assertTrue(decoded instanceof Decoded.Valid, line + ": " + decoded);
        events.add(((Decoded.Valid) decoded).event());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return events;
  }

  /** Appends as ingest does (key id, canonical JSON, its headers), received a second later. */
  private static void append(PrivateKafkaExtension kafka, String topic, List<Event> events) {
    try (EventTopic created = new EventTopic(kafka.bootstrapServers(), kafka.kafkaConfig(topic))) {
      created.createIfMissing(Duration.ofSeconds(30));
    }
    List<LogRecord> records =
        events.stream()
            .map(
                event ->
                    new LogRecord(
                        event.id(),
                        EventCodec.encode(event),
                        Map.of(
                            LogRecord.SOURCE_HEADER,
                            "browser-test",
                            LogRecord.TYPE_HEADER,
                            event.type().wireName(),
                            "received-at",
                            event.time().plusSeconds(1).toString(),
                            LogRecord.CONTENT_TYPE_HEADER,
                            LogRecord.JSON)))
            .toList();
    try (EventLog log = new EventLog(kafka.bootstrapServers(), topic)) {
      log.append(records).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not append the browser tests' events", e);
    }
  }
}
