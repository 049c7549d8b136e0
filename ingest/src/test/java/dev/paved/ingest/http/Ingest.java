package dev.paved.ingest.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.config.IngestConfig;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.ingest.IngestServer;
import dev.paved.ingest.log.EventLog;
import dev.paved.ingest.log.EventTopic;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A running ingest server on port 0 against a Kafka broker, and an HTTP client for it: what the
 * tests of this package and the crash tests drive.
 */
public final class Ingest implements AutoCloseable {
  public static final String ALL_TOKEN = "token-of-all-sources";
  public static final String CI_TOKEN = "token-of-the-ci-system";
  public static final String TOKENS = "local=" + ALL_TOKEN + ":*;ci=" + CI_TOKEN + ":change,deploy";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final EventTopic topic;
  private final EventLog eventLog;
  private final Javalin server;
  private final String base;

  private Ingest(EventTopic topic, EventLog eventLog, Javalin server) {
    this.topic = topic;
    this.eventLog = eventLog;
    this.server = server;
    this.base = "http://127.0.0.1:" + server.port();
  }

  /** Ingest with the test tokens and {@code settings} ({@code PAVED_*} names) over the defaults. */
  public static IngestConfig config(Map<String, String> settings) {
    Map<String, String> environment = new HashMap<>(settings);
    environment.putIfAbsent("PAVED_INGEST_TOKENS", TOKENS);
    return PavedConfig.from(SettingValues.of(environment, Map.of())).ingest();
  }

  /** A server appending to {@code topicName} (created if missing) of the extension's broker. */
  public static Ingest start(
      PrivateKafkaExtension kafka,
      String topicName,
      Map<String, String> settings,
      Duration deliveryTimeout) {
    return start(
        kafka.bootstrapServers(), kafka.kafkaConfig(topicName), settings, deliveryTimeout, true);
  }

  /** A server against any bootstrap address, reachable or not. */
  public static Ingest start(
      String bootstrapServers,
      dev.paved.config.KafkaConfig kafkaConfig,
      Map<String, String> settings,
      Duration deliveryTimeout,
      boolean createTopic) {
    EventTopic topic = new EventTopic(bootstrapServers, kafkaConfig);
    if (createTopic) {
      topic.createIfMissing(Duration.ofSeconds(30));
    }
    EventLog eventLog = new EventLog(bootstrapServers, kafkaConfig.topic(), deliveryTimeout);
    Javalin server =
        new IngestServer(config(settings), eventLog, topic::writable, Clock.systemUTC())
            .create()
            .start(0);
    return new Ingest(topic, eventLog, server);
  }

  public String base() {
    return base;
  }

  /** Posts {@code body} with the given token (none when null) and content type. */
  public Response post(String token, String contentType, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/v1/events"))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    return send(request.build());
  }

  public Response post(String token, String contentType, String body) {
    return post(token, contentType, body.getBytes(UTF_8), Map.of());
  }

  /** Posts a webhook delivery to {@code /v1/webhooks/<tool>} with the tool's headers. */
  public Response postWebhook(String tool, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/v1/webhooks/" + tool))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return send(request.build());
  }

  public Response postJson(String body) {
    return post(ALL_TOKEN, "application/json", body);
  }

  public Response postNdjson(String body) {
    return post(ALL_TOKEN, "application/x-ndjson", body);
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  private static Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An answer: status, body, headers. */
  public record Response(int status, String body, Map<String, List<String>> headers) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  /** A valid event of type {@code change} with this id, as one JSON object. */
  public static String change(String id) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"change\",\"time\":\"2026-03-02T09:14:00Z\",\"change_id\":\"c-"
        + id
        + "\",\"service\":\"payments\",\"team\":\"checkout\",\"actor\":\"dev-41\"}";
  }

  /** A valid event of type {@code survey} with this id. */
  public static String survey(String id) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"survey\",\"time\":\"2026-03-02T09:14:00Z\",\"survey_id\":\"s-1\","
        + "\"question\":\"csat\",\"score\":4,\"scale_min\":1,\"scale_max\":5}";
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The records of {@code topic} whose key starts with {@code prefix}. */
  public static List<ConsumerRecord<String, byte[]>> stored(
      PrivateKafkaExtension kafka, String topic, String prefix) {
    return kafka.readAll(topic).stream().filter(r -> r.key().startsWith(prefix)).toList();
  }

  public static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    return headers;
  }

  @Override
  public void close() {
    server.stop();
    eventLog.close();
    topic.close();
  }
}
