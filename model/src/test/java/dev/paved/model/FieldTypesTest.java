package dev.paved.model;

import static dev.paved.model.DecodeAssertions.assertOnlyViolation;
import static dev.paved.model.ValidEvents.full;
import static dev.paved.model.ValidEvents.json;
import static dev.paved.model.ValidEvents.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldTypesTest {

  /** Every field of every type, each given every JSON type it must not have. */
  static Stream<Arguments> wrongTypes() {
    return ValidEvents.types()
        .flatMap(
            type -> {
              ObjectNode event = full(type);
              return event.properties().stream()
                  .flatMap(
                      field ->
                          wrongValues(field.getValue()).stream()
                              .map(wrong -> Arguments.of(type, field.getKey(), wrong)));
            });
  }

  private static List<Object> wrongValues(JsonNode value) {
    if (value.isTextual()) {
      return List.of(42, true, Map.of(), List.of());
    }
    if (value.isNumber()) {
      return List.of("4", false, List.of(4));
    }
    if (value.isArray()) {
      return List.of("9f1c2ab", Map.of());
    }
    return List.of(List.of(), "x", 1);
  }

  @ParameterizedTest(name = "{0}.{1} = {2}")
  @MethodSource("wrongTypes")
  void namesTheFieldAndTheTypeItGot(EventType type, String field, Object wrong) {
    String got = "(got " + FieldReader.jsonType(EventCodec.mapper().valueToTree(wrong)) + ")";
    assertOnlyViolation(with(full(type), field, wrong), field, got);
  }

  static Stream<Arguments> wrongElements() {
    return Stream.of(
        Arguments.of(EventType.DEPLOY, "change_ids[0]", 7781, "must be a string (got number)"),
        Arguments.of(EventType.CHANGE, "commit_ids[1]", null, "must be a string (got null)"),
        Arguments.of(EventType.DEPLOY, "changes[0]", "77aa", "must be an object (got string)"),
        Arguments.of(EventType.DEPLOY, "changes[0].change_id", 77, "must be a string (got number)"),
        Arguments.of(EventType.DEPLOY, "changes[0].time", 1_700_000_000, "RFC 3339"),
        Arguments.of(EventType.DEPLOY, "changes[0].actor", true, "must be a string (got boolean)"));
  }

  @ParameterizedTest(name = "{0}.{1} = {2}")
  @MethodSource("wrongElements")
  void namesTheElementOfAnArray(EventType type, String field, Object wrong, String expected) {
    assertOnlyViolation(with(full(type), field, wrong), field, expected);
  }

  @Test
  void saysWhatTypeANumberMustBe() {
    Violation violation =
        assertOnlyViolation(with(full(EventType.SURVEY), "score", "4"), "score", "number");
    assertEquals("score: must be a number (got string)", violation.message());
  }

  @Test
  void numbersMustBeFinite() {
    // A double overflows to infinity when parsed; JSON has no other way to say it.
    ObjectNode event = full(EventType.SURVEY);
    event.set("score", json("{\"n\":1e400}").get("n"));
    assertOnlyViolation(event, "score", "must be a finite number");
  }
}
