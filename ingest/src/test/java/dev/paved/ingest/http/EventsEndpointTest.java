package dev.paved.ingest.http;

import static dev.paved.ingest.http.Ingest.ALL_TOKEN;
import static dev.paved.ingest.http.Ingest.CI_TOKEN;
import static dev.paved.ingest.http.Ingest.change;
import static dev.paved.ingest.http.Ingest.gzip;
import static dev.paved.ingest.http.Ingest.headers;
import static dev.paved.ingest.http.Ingest.survey;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.ingest.http.Ingest.Response;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /v1/events} over real HTTP against a running server and a real broker: every kind of
 * bad input gets its own status and reason, valid events of a batch are kept and stored with their
 * source, duplicates are answered and stored once.
 */
class EventsEndpointTest {
  private static final String TOPIC = "events-http";
  private static final int MAX_BODY = 200_000;

  @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

  private static Ingest ingest;

  @BeforeAll
  static void start() {
    ingest =
        Ingest.start(
            kafka,
            TOPIC,
            Map.of(
                "PAVED_INGEST_MAX_BODY_BYTES",
                Integer.toString(MAX_BODY),
                "PAVED_INGEST_MAX_BATCH_EVENTS",
                "100"),
            Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    if (ingest != null) {
      ingest.close();
    }
  }

  @Test
  void acceptsAnObjectAnArrayAndNdjsonAndStoresThemWithTheirSource() {
    assertAccepted(1, ingest.postJson(change("form-object")));
    assertAccepted(
        2, ingest.postJson("[" + change("form-array-1") + "," + change("form-array-2") + "]"));
    assertAccepted(
        2, ingest.postNdjson(change("form-ndjson-1") + "\n\n" + change("form-ndjson-2") + "\r\n"));
    assertAccepted(
        2,
        ingest.post(
            ALL_TOKEN,
            "application/x-ndjson; charset=utf-8",
            gzip((change("form-gzip-1") + "\n" + change("form-gzip-2")).getBytes(UTF_8)),
            Map.of("Content-Encoding", "gzip")));

    List<ConsumerRecord<String, byte[]>> stored = Ingest.stored(kafka, TOPIC, "form-");
    assertEquals(7, stored.size(), keys(stored).toString());
    ConsumerRecord<String, byte[]> record =
        stored.stream().filter(r -> r.key().equals("form-object")).findFirst().orElseThrow();
    Map<String, String> headers = headers(record);
    assertEquals("local", headers.get("source"));
    assertEquals("change", headers.get("type"));
    assertEquals("application/json", headers.get("content-type"));
    Instant.parse(headers.get("received-at"));
    assertTrue(new String(record.value(), UTF_8).contains("\"change_id\":\"c-form-object\""));
  }

  @Test
  void aMixedBatchKeepsItsValidEventsAndSaysWhyEachOtherWasRejected() {
    String future = Instant.now().plus(Duration.ofHours(3)).toString();
    String oversized =
        "{\"id\":\"mixed-big\",\"type\":\"change\",\"time\":\"2026-03-02T09:14:00Z\","
            + "\"change_id\":\"x\",\"service\":\"payments\",\"attributes\":{\"blob\":\""
            + "a".repeat(70_000)
            + "\"}}";
    String batch =
        "["
            + String.join(
                ",",
                change("mixed-ok-1"),
                "{\"id\":\"mixed-no-service\",\"type\":\"deploy\",\"time\":\"2026-03-02T09:14:00Z\","
                    + "\"deploy_id\":\"d1\",\"status\":\"success\"}",
                change("mixed-future").replace("2026-03-02T09:14:00Z", future),
                change("mixed-unknown").replace("\"team\"", "\"colour\":\"red\",\"team\""),
                oversized,
                change("mixed-long-actor").replace("dev-41", "d".repeat(200)),
                "42",
                change("mixed-twice-keyed").replace("\"team\"", "\"service\":\"x\",\"team\""),
                change("mixed-ok-2"))
            + "]";

    Response response = ingest.postJson(batch);

    assertEquals(200, response.status(), response.toString());
    JsonNode outcome = response.json();
    assertEquals(2, outcome.get("accepted").asInt());
    assertEquals(0, outcome.get("duplicates").asInt());
    Map<Integer, JsonNode> rejected = rejections(outcome);
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), List.copyOf(rejected.keySet()));
    assertReason(rejected.get(1), "mixed-no-service", "service: required for type deploy");
    assertReason(rejected.get(2), "mixed-future", "time:");
    assertTrue(
        rejected.get(2).get("reason").asText().contains("1 hour ahead"),
        rejected.get(2).toString());
    assertReason(rejected.get(3), "mixed-unknown", "colour: unknown field");
    assertReason(rejected.get(4), null, "one event may be at most 65536 bytes");
    assertReason(rejected.get(5), "mixed-long-actor", "actor:");
    assertReason(rejected.get(6), null, "event must be a JSON object");
    assertReason(rejected.get(7), null, "field \"service\" appears twice");

    List<ConsumerRecord<String, byte[]>> stored = Ingest.stored(kafka, TOPIC, "mixed-");
    assertEquals(List.of("mixed-ok-1", "mixed-ok-2"), keys(stored).stream().sorted().toList());
    for (ConsumerRecord<String, byte[]> record : stored) {
      assertEquals("local", headers(record).get("source"));
      assertEquals("change", headers(record).get("type"));
    }
  }

  @Test
  void aSingleInvalidEventIsA400NamingTheField() {
    String future = Instant.now().plus(Duration.ofHours(2)).toString();
    Response response =
        ingest.postJson(change("single-future").replace("2026-03-02T09:14:00Z", future));
    assertEquals(400, response.status(), response.toString());
    assertEquals(0, response.json().get("accepted").asInt());
    assertReason(response.json().get("rejected").get(0), "single-future", "time:");
    assertTrue(Ingest.stored(kafka, TOPIC, "single-").isEmpty());
  }

  @Test
  void malformedJsonIsA400NamingLineAndColumn() {
    Response response =
        ingest.postJson("[\n" + change("malformed-1") + ",\n  {\"id\": \"malformed-2\",, }\n]");
    assertProblem(response, 400, "Malformed JSON", "line 3, column 24");
    assertTrue(Ingest.stored(kafka, TOPIC, "malformed-").isEmpty(), "nothing of it is stored");

    assertProblem(ingest.postJson(""), 400, "Malformed JSON", "the body is empty");
    assertProblem(ingest.postJson("[]"), 400, "No Events", "the body holds no events");
    assertProblem(ingest.postNdjson("\n \n"), 400, "Malformed JSON", "the body is empty");
    assertProblem(
        ingest.postJson(change("malformed-3") + " trailing"), 400, "Malformed JSON", "line 1");
  }

  @Test
  void aBadNdjsonLineIsRejectedAloneWithLineAndColumnAndTheOthersAreKept() {
    Response response =
        ingest.postNdjson(
            String.join(
                "\n",
                change("ndjson-1"),
                "{\"id\":\"ndjson-bad\",\"type\":}",
                "",
                change("ndjson-2"),
                "[1,2]",
                change("ndjson-3") + " {}"));
    assertEquals(200, response.status(), response.toString());
    JsonNode outcome = response.json();
    assertEquals(2, outcome.get("accepted").asInt());
    Map<Integer, JsonNode> rejected = rejections(outcome);
    assertEquals(List.of(1, 3, 4), List.copyOf(rejected.keySet()));
    assertReason(rejected.get(1), null, "line 2, column 27: malformed JSON");
    assertReason(rejected.get(3), null, "line 5: event must be a JSON object");
    assertReason(rejected.get(4), null, "line 6, column ");
    assertTrue(rejected.get(4).get("reason").asText().contains("unexpected content"));
    assertEquals(
        List.of("ndjson-1", "ndjson-2"),
        keys(Ingest.stored(kafka, TOPIC, "ndjson-")).stream().sorted().toList());
  }

  @Test
  void invalidUtf8IsRefusedWithItsPosition() {
    byte[] body = ("[\n" + change("utf8-1") + ",\n" + change("utf8-2") + "]").getBytes(UTF_8);
    byte[] broken = body.clone();
    int at = new String(body, UTF_8).indexOf("utf8-2\",\"type") + 2;
    broken[at] = (byte) 0xC3; // a lead byte followed by ASCII
    Response response = ingest.post(ALL_TOKEN, "application/json", broken, Map.of());
    assertProblem(response, 400, "Invalid UTF-8", "line 3, column 10: invalid UTF-8 (byte 0xc3)");

    byte[] lines = (change("utf8-3") + "\n" + change("utf8-4")).getBytes(UTF_8);
    lines[lines.length - 3] = (byte) 0xFF;
    Response ndjson = ingest.post(ALL_TOKEN, "application/x-ndjson", lines, Map.of());
    assertEquals(200, ndjson.status(), ndjson.toString());
    assertReason(rejections(ndjson.json()).get(1), null, "line 2, column ");
    assertTrue(ndjson.body().contains("invalid UTF-8 (byte 0xff)"), ndjson.body());
    assertEquals(List.of("utf8-3"), keys(Ingest.stored(kafka, TOPIC, "utf8-")));
  }

  @Test
  void tooDeepNestingIsRefused() {
    String deep = "[".repeat(40) + "]".repeat(40);
    Response response =
        ingest.postJson(
            change("deep-1").replace("\"team\"", "\"attributes\":{\"a\":" + deep + "},\"team\""));
    assertProblem(response, 400, "JSON Nested Too Deeply", "nested deeper than 32 levels");

    Response ndjson =
        ingest.postNdjson(
            change("deep-2")
                + "\n"
                + change("deep-3")
                    .replace("\"team\"", "\"attributes\":{\"a\":" + deep + "},\"team\""));
    assertEquals(200, ndjson.status(), ndjson.toString());
    assertReason(rejections(ndjson.json()).get(1), null, "nested deeper than 32 levels");
    assertEquals(List.of("deep-2"), keys(Ingest.stored(kafka, TOPIC, "deep-")));
  }

  @Test
  void oversizedBodiesAndBatchesAre413() {
    String big = "[" + change("big-1") + "," + " ".repeat(MAX_BODY) + "]";
    assertProblem(ingest.postJson(big), 413, "Content Too Large", "larger than 200000 bytes");

    byte[] bomb = gzip(big.getBytes(UTF_8));
    assertTrue(bomb.length < 2_000);
    assertProblem(
        ingest.post(ALL_TOKEN, "application/json", bomb, Map.of("Content-Encoding", "gzip")),
        413,
        "Content Too Large",
        "once decompressed");

    String many =
        IntStream.range(0, 101)
            .mapToObj(i -> change("many-" + i))
            .collect(Collectors.joining("\n"));
    assertProblem(ingest.postNdjson(many), 413, "Content Too Large", "at most 100 events");
    assertProblem(
        ingest.postJson("[" + many.replace("\n", ",") + "]"),
        413,
        "Content Too Large",
        "at most 100 events");
    assertTrue(Ingest.stored(kafka, TOPIC, "big-").isEmpty());
    assertTrue(Ingest.stored(kafka, TOPIC, "many-").isEmpty());
  }

  @Test
  void tokensAreRequiredAndLimitTheTypesASourceMaySend() {
    Response none = ingest.post(null, "application/json", change("auth-1"));
    assertProblem(none, 401, "Unauthorized", "Authorization: Bearer");
    assertEquals("Bearer", none.header("WWW-Authenticate"));
    assertProblem(
        ingest.post("not-a-configured-token", "application/json", change("auth-2")),
        401,
        "Unauthorized",
        "not a configured ingest token");
    assertProblem(
        ingest.post(CI_TOKEN.substring(1), "application/json", change("auth-3")),
        401,
        "Unauthorized",
        "");
    Response basic =
        ingest.post(
            null,
            "application/json",
            change("auth-4").getBytes(UTF_8),
            Map.of("Authorization", "Basic " + CI_TOKEN));
    assertEquals(401, basic.status());

    Response forbidden =
        ingest.post(CI_TOKEN, "application/x-ndjson", change("auth-5") + "\n" + survey("auth-6"));
    assertProblem(forbidden, 403, "Forbidden", "may not send events of type survey");
    assertTrue(forbidden.body().contains("nothing of this request was stored"));

    Response allowed = ingest.post(CI_TOKEN, "application/json", change("auth-7"));
    assertAccepted(1, allowed);

    List<ConsumerRecord<String, byte[]>> stored = Ingest.stored(kafka, TOPIC, "auth-");
    assertEquals(List.of("auth-7"), keys(stored), "only the allowed request stored anything");
    assertEquals("ci", headers(stored.get(0)).get("source"));
    assertFalse(forbidden.body().contains(CI_TOKEN), "a token is never echoed");
  }

  @Test
  void onlyJsonAndNdjsonAreAccepted() {
    assertProblem(
        ingest.post(ALL_TOKEN, "text/plain", change("type-1")),
        415,
        "Unsupported Media Type",
        "not text/plain");
    assertProblem(
        ingest.post(ALL_TOKEN, null, change("type-2")),
        415,
        "Unsupported Media Type",
        "not absent");
    assertProblem(
        ingest.post(
            ALL_TOKEN,
            "application/json",
            change("type-3").getBytes(UTF_8),
            Map.of("Content-Encoding", "br")),
        415,
        "Unsupported Media Type",
        "Content-Encoding");
    assertTrue(Ingest.stored(kafka, TOPIC, "type-").isEmpty());
  }

  @Test
  void duplicatesWithinABatchAndAcrossRequestsAreAnsweredAndStoredOnce() {
    Response first =
        ingest.postNdjson(change("dup-1") + "\n" + change("dup-2") + "\n" + change("dup-1"));
    assertEquals(200, first.status(), first.toString());
    assertEquals(2, first.json().get("accepted").asInt());
    assertEquals(1, first.json().get("duplicates").asInt());

    Response again = ingest.postJson("[" + change("dup-2") + "," + change("dup-3") + "]");
    assertEquals(200, again.status(), again.toString());
    assertEquals(1, again.json().get("accepted").asInt());
    assertEquals(1, again.json().get("duplicates").asInt());

    Response allKnown = ingest.postJson(change("dup-1"));
    assertEquals(200, allKnown.status(), allKnown.toString());
    assertEquals(0, allKnown.json().get("accepted").asInt());
    assertEquals(1, allKnown.json().get("duplicates").asInt());

    assertEquals(
        List.of("dup-1", "dup-2", "dup-3"),
        keys(Ingest.stored(kafka, TOPIC, "dup-")).stream().sorted().toList());
  }

  @Test
  void healthAndReadinessAnswerWhileTheBrokerIsUp() {
    Response health = ingest.get("/health");
    assertEquals(200, health.status());
    assertEquals("ok", health.json().get("status").asText());
    Response ready = ingest.get("/ready");
    assertEquals(200, ready.status(), ready.toString());
    assertEquals("ready", ready.json().get("status").asText());
  }

  @Test
  void metricsCountEventsByOutcomeTypeAndSource() {
    assertAccepted(1, ingest.post(CI_TOKEN, "application/json", change("metrics-1")));
    ingest.post(CI_TOKEN, "application/json", change("metrics-1"));
    ingest.post(CI_TOKEN, "application/json", "{\"id\":\"metrics-2\",\"type\":\"deploy\"}");

    Response metrics = ingest.get("/metrics");
    assertEquals(200, metrics.status());
    assertTrue(metrics.header("Content-Type").startsWith("text/plain"));
    String text = metrics.body();
    for (String line :
        List.of(
            "paved_ingest_events_total{outcome=\"accepted\",source=\"ci\",type=\"change\"}",
            "paved_ingest_events_total{outcome=\"duplicate\",source=\"ci\",type=\"change\"}",
            "paved_ingest_events_total{outcome=\"rejected\",source=\"ci\",type=\"deploy\"}",
            "paved_ingest_requests_total{status=\"200\"}",
            "paved_ingest_request_duration_seconds_bucket{le=\"0.1\"}",
            "paved_ingest_produce_duration_seconds_count",
            "paved_ingest_broker_errors_total",
            "paved_ingest_in_flight_requests")) {
      assertTrue(text.contains(line), line + " missing from:\n" + text);
    }
  }

  private static void assertAccepted(int accepted, Response response) {
    assertEquals(200, response.status(), response.toString());
    JsonNode outcome = response.json();
    assertEquals(accepted, outcome.get("accepted").asInt(), response.toString());
    assertEquals(0, outcome.get("rejected").size(), response.toString());
  }

  static void assertProblem(Response response, int status, String title, String detailPart) {
    assertEquals(status, response.status(), response.toString());
    assertTrue(
        response.header("Content-Type").startsWith("application/problem+json"),
        response.header("Content-Type"));
    JsonNode problem = response.json();
    assertEquals(title, problem.get("title").asText(), response.toString());
    assertEquals(status, problem.get("status").asInt());
    assertTrue(
        problem.get("detail").asText().contains(detailPart),
        "\"" + detailPart + "\" not in " + problem.get("detail"));
  }

  private static void assertReason(JsonNode rejection, String id, String reasonPart) {
    if (id == null) {
      assertNull(rejection.get("id"), rejection.toString());
    } else {
      assertEquals(id, rejection.get("id").asText(), rejection.toString());
    }
    assertTrue(
        rejection.get("reason").asText().contains(reasonPart),
        "\"" + reasonPart + "\" not in " + rejection);
  }

  private static Map<Integer, JsonNode> rejections(JsonNode outcome) {
    Map<Integer, JsonNode> byIndex = new java.util.TreeMap<>();
    outcome.get("rejected").forEach(r -> byIndex.put(r.get("index").asInt(), r));
    return byIndex;
  }

  private static List<String> keys(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(ConsumerRecord::key).toList();
  }
}
