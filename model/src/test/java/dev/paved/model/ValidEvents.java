package dev.paved.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One valid JSON event of every type, with every field it can have ({@link #full}) or only the
 * required ones ({@link #minimal}), and ways to change one field of a copy.
 */
final class ValidEvents {

  /** The receiving clock of every test; all valid times are before it. */
  static final Instant RECEIVED_AT = Instant.parse("2026-03-02T12:00:00Z");

  private static final Pattern PATH = Pattern.compile("([^.\\[]+)(?:\\[(\\d+)])?(?:\\.(.+))?");

  private ValidEvents() {}

  static Stream<EventType> types() {
    return Arrays.stream(EventType.values());
  }

  static ObjectNode full(EventType type) {
    return json(
        switch (type) {
          case CHANGE ->
              """
              {"id":"gh-9f1c","type":"change","time":"2026-03-02T09:14:00Z","team":"checkout",
               "actor":"dev-41","service":"payments","source":"github","change_id":"9f1c2ab",
               "pr_opened_at":"2026-03-01T10:00:00Z","pr_first_review_at":"2026-03-01T15:30:00.250Z",
               "pr_merged_at":"2026-03-02T09:14:00Z","commit_ids":["a1b2c3","d4e5f6"],
               "attributes":{"repo":"payments-api","lines_changed":120,"ratio":0.25,"draft":false}}
              """;
          case DEPLOY ->
              """
              {"id":"deploy-7781","type":"deploy","time":"2026-03-02T11:40:12Z","team":"checkout",
               "actor":"dev-41","service":"payments","source":"jenkins","deploy_id":"7781",
               "environment":"staging","status":"rolled_back","started_at":"2026-03-02T11:31:00Z",
               "change_ids":["9f1c2ab"],
               "changes":[{"change_id":"77aa","time":"2026-03-02T08:00:00Z","actor":"dev-42"}],
               "attributes":{"pipeline":"main"}}
              """;
          case INCIDENT ->
              """
              {"id":"inc-12-opened","type":"incident","time":"2026-03-02T11:50:00+01:00",
               "team":"checkout","actor":"oncall-3","service":"payments","source":"pagerduty",
               "incident_id":"INC-12","action":"opened","caused_by_deploy":"7781",
               "severity":"SEV 2","attributes":{"customer_facing":true}}
              """;
          case DEVELOPER ->
              """
              {"id":"dev-77-joined","type":"developer","time":"2026-02-01T09:00:00Z","team":"search",
               "actor":"dev-77","service":"indexer","source":"backstage","action":"joined",
               "attributes":{"location":"remote"}}
              """;
          case USAGE ->
              """
              {"id":"u-55-4","type":"usage","time":"2026-03-02T10:05:00Z","team":"search",
               "actor":"dev-77","service":"indexer","source":"backstage","feature":"service-template",
               "action":"failed","run_id":"r-55","step":"configure-ci",
               "error":"pipeline template not found","attributes":{"attempt":2}}
              """;
          case TICKET ->
              """
              {"id":"zd-1001-opened","type":"ticket","time":"2026-03-02T08:30:00Z","team":"search",
               "actor":"dev-77","service":"indexer","source":"zendesk","ticket_id":"ZD-1001",
               "action":"opened","feature":"secrets","priority":"High","kind":"request",
               "attributes":{"channel":"slack"}}
              """;
          case SURVEY ->
              """
              {"id":"q1-csat-dev-77","type":"survey","time":"2026-03-01T16:00:00Z","team":"search",
               "actor":"dev-77","service":"indexer","source":"typeform","survey_id":"q1-2026",
               "question":"csat","score":4,"scale_min":1,"scale_max":5,
               "comment":"Deploys are fast,\\nbut the docs lag.","attributes":{"wave":1}}
              """;
          case DEVIATION ->
              """
              {"id":"dev-ab","type":"deviation","time":"2026-03-01T08:00:00Z","team":"search",
               "actor":"dev-77","service":"indexer","source":"backstage","component":"ci",
               "golden_path":"platform-ci","actual":"github-actions","reason":"needs GPU runners",
               "action":"started","attributes":{"ticket":"ZD-990"}}
              """;
        });
  }

  static ObjectNode minimal(EventType type) {
    return json(
        switch (type) {
          case CHANGE ->
              """
              {"id":"c","type":"change","time":"2026-03-02T09:14:00Z","change_id":"9f1c2ab",
               "service":"payments"}
              """;
          case DEPLOY ->
              """
              {"id":"d","type":"deploy","time":"2026-03-02T11:40:12Z","deploy_id":"7781",
               "service":"payments","status":"success"}
              """;
          case INCIDENT ->
              """
              {"id":"i","type":"incident","time":"2026-03-02T11:50:00Z","incident_id":"INC-12",
               "action":"resolved"}
              """;
          case DEVELOPER ->
              """
              {"id":"v","type":"developer","time":"2026-02-01T09:00:00Z","actor":"dev-77",
               "action":"left","team":"search"}
              """;
          case USAGE ->
              """
              {"id":"u","type":"usage","time":"2026-03-02T10:05:00Z","actor":"dev-77",
               "feature":"secrets","action":"used"}
              """;
          case TICKET ->
              """
              {"id":"t","type":"ticket","time":"2026-03-02T08:30:00Z","ticket_id":"ZD-1001",
               "action":"reopened"}
              """;
          case SURVEY ->
              """
              {"id":"s","type":"survey","time":"2026-03-01T16:00:00Z","survey_id":"q1-2026",
               "question":"nps","score":-2.5,"scale_min":-10,"scale_max":10}
              """;
          case DEVIATION ->
              """
              {"id":"g","type":"deviation","time":"2026-03-01T08:00:00Z","team":"search",
               "component":"database","golden_path":"managed-postgres","actual":"self-hosted-mysql"}
              """;
        });
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) EventCodec.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A copy of the event with one field set. The path is a field name as violations name it: {@code
   * status}, {@code change_ids[0]}, {@code changes[0].time}, {@code attributes.region}.
   */
  static ObjectNode with(ObjectNode event, String path, Object value) {
    ObjectNode copy = event.deepCopy();
    set(copy, path, EventCodec.mapper().valueToTree(value));
    return copy;
  }

  /** A copy of the event without one field, named as in {@link #with}. */
  static ObjectNode without(ObjectNode event, String path) {
    ObjectNode copy = event.deepCopy();
    set(copy, path, null);
    return copy;
  }

  /** A list of {@code size} copies of an element, for arrays at and above their limit. */
  static List<Object> repeated(Object element, int size) {
    return Collections.nCopies(size, element);
  }

  private static void set(ObjectNode object, String path, JsonNode value) {
    Matcher parts = PATH.matcher(path);
    if (!parts.matches()) {
      throw new IllegalArgumentException(path);
    }
    String field = parts.group(1);
    if (parts.group(2) == null && parts.group(3) == null) {
      if (value == null) {
        object.remove(field);
      } else {
        object.set(field, value);
      }
      return;
    }
    JsonNode child = object.get(field);
    if (parts.group(2) != null) {
      ArrayNode array = (ArrayNode) child;
      int index = Integer.parseInt(parts.group(2));
      if (parts.group(3) == null) {
        array.set(index, value);
        return;
      }
      child = array.get(index);
    }
    set((ObjectNode) child, parts.group(3), value);
  }
}
