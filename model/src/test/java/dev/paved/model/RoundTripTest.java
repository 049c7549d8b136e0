package dev.paved.model;

import static dev.paved.model.DecodeAssertions.assertValid;
import static dev.paved.model.ValidEvents.full;
import static dev.paved.model.ValidEvents.json;
import static dev.paved.model.ValidEvents.minimal;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RoundTripTest {

  /** The NDJSON example of the event contract, verbatim. */
  private static final String CONTRACT_EXAMPLE =
      """
      {"id":"gh-9f1c","type":"change","time":"2026-03-02T09:14:00Z","change_id":"9f1c2ab","service":"payments","team":"checkout","actor":"dev-41"}
      {"id":"deploy-7781","type":"deploy","time":"2026-03-02T11:40:12Z","deploy_id":"7781","service":"payments","team":"checkout","environment":"production","status":"success","change_ids":["9f1c2ab"]}
      {"id":"u-55-3","type":"usage","time":"2026-03-02T10:02:00Z","actor":"dev-77","team":"search","feature":"service-template","action":"step","run_id":"r-55","step":"configure-ci"}
      {"id":"dev-ab","type":"deviation","time":"2026-03-01T08:00:00Z","team":"search","service":"indexer","component":"ci","golden_path":"platform-ci","actual":"github-actions","reason":"needs GPU runners"}
      """;

  private static Event decodeEncoded(byte[] encoded) throws IOException {
    return assertValid(EventCodec.mapper().readTree(encoded));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void aFullEventSurvivesEncoding(EventType type) throws IOException {
    Event event = assertValid(full(type));
    assertEquals(event, assertValid(EventCodec.toJson(event)));
    assertEquals(event, decodeEncoded(EventCodec.encode(event)));
    assertEquals(
        event, decodeEncoded(EventCodec.encodeToString(event).getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void aMinimalEventSurvivesEncoding(EventType type) throws IOException {
    Event event = assertValid(minimal(type));
    assertEquals(event, decodeEncoded(EventCodec.encode(event)));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void encodingIsStable(EventType type) {
    JsonNode encoded = EventCodec.toJson(assertValid(full(type)));
    assertEquals(encoded, EventCodec.toJson(assertValid(encoded)));
  }

  @Test
  void theContractExampleIsValid() throws IOException {
    List<String> lines = CONTRACT_EXAMPLE.lines().toList();
    assertEquals(4, lines.size());
    for (String line : lines) {
      Event event = assertValid(EventCodec.mapper().readTree(line));
      assertEquals(event, decodeEncoded(EventCodec.encode(event)));
    }
    Event deploy = assertValid(json(lines.get(1)));
    assertEquals(
        new Deploy("7781", "production", Deploy.Status.SUCCESS, null, List.of("9f1c2ab"), null),
        deploy.body());
    Event usage = assertValid(json(lines.get(2)));
    assertEquals(
        new Usage("service-template", Usage.Action.STEP, "r-55", "configure-ci", null),
        usage.body());
  }

  @Test
  void writesTheCanonicalWireFormat() {
    Event event =
        assertValid(
            json(
                """
                {"attributes":{"pipeline":"main","attempt":2},"status":"failure",
                 "changes":[{"actor":"dev-42","time":"2026-03-02T09:00:00+01:00","change_id":"77aa"}],
                 "service":"payments","deploy_id":"7781","time":"2026-03-01T15:03:22.120+01:00",
                 "type":"deploy","id":"deploy-7781","team":null}
                """));
    assertEquals(
        "{\"id\":\"deploy-7781\",\"type\":\"deploy\",\"time\":\"2026-03-01T14:03:22.120Z\","
            + "\"service\":\"payments\",\"deploy_id\":\"7781\",\"environment\":\"production\","
            + "\"status\":\"failure\",\"changes\":[{\"change_id\":\"77aa\","
            + "\"time\":\"2026-03-02T08:00:00Z\",\"actor\":\"dev-42\"}],"
            + "\"attributes\":{\"pipeline\":\"main\",\"attempt\":2}}",
        EventCodec.encodeToString(event));
  }

  @Test
  void writesEveryFieldOfAType() {
    Event event = assertValid(full(EventType.CHANGE));
    assertEquals(
        json("""
            {"id":"gh-9f1c","type":"change","time":"2026-03-02T09:14:00Z","team":"checkout",
             "actor":"dev-41","service":"payments","source":"github","change_id":"9f1c2ab",
             "pr_opened_at":"2026-03-01T10:00:00Z","pr_first_review_at":"2026-03-01T15:30:00.250Z",
             "pr_merged_at":"2026-03-02T09:14:00Z","commit_ids":["a1b2c3","d4e5f6"],
             "attributes":{"repo":"payments-api","lines_changed":120,"ratio":0.25,"draft":false}}
            """)
            .toString(),
        EventCodec.encodeToString(event));
  }

  @Test
  void encodesAnEventBuiltInCode() throws IOException {
    Event event =
        new Event(
            "s-1",
            EventType.SURVEY,
            Instant.parse("2026-03-01T16:00:00.5Z"),
            "search",
            null,
            null,
            "typeform",
            Map.of("wave", 1),
            new Survey("q1-2026", "csat", 4, 1, 5, null));
    assertEquals(
        "{\"id\":\"s-1\",\"type\":\"survey\",\"time\":\"2026-03-01T16:00:00.500Z\","
            + "\"team\":\"search\",\"source\":\"typeform\",\"survey_id\":\"q1-2026\","
            + "\"question\":\"csat\",\"score\":4.0,\"scale_min\":1.0,\"scale_max\":5.0,"
            + "\"attributes\":{\"wave\":1}}",
        EventCodec.encodeToString(event));
    assertEquals(event, decodeEncoded(EventCodec.encode(event)));
  }
}
