package dev.paved.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/** Decodes at {@link ValidEvents#RECEIVED_AT} and says what was expected when it differs. */
final class DecodeAssertions {

  private DecodeAssertions() {}

  static Event assertValid(JsonNode json) {
    Decoded decoded = EventCodec.decode(json, ValidEvents.RECEIVED_AT);
    if (decoded instanceof Decoded.Invalid invalid) {
      fail("expected a valid event, got " + messages(invalid.violations()) + " for " + json);
    }
    return ((Decoded.Valid) decoded).event();
  }

  static List<Violation> assertInvalid(JsonNode json) {
    Decoded decoded = EventCodec.decode(json, ValidEvents.RECEIVED_AT);
    return assertInstanceOf(Decoded.Invalid.class, decoded, () -> "expected violations: " + json)
        .violations();
  }

  /**
   * Asserts that the event has exactly one violation, of this field, whose message names the field
   * first and contains the expected words.
   */
  static Violation assertOnlyViolation(JsonNode json, String field, String expected) {
    List<Violation> violations = assertInvalid(json);
    assertEquals(
        1,
        violations.size(),
        () -> "expected one violation of " + field + ", got " + messages(violations));
    Violation violation = violations.get(0);
    assertEquals(field, violation.field(), violation::message);
    assertTrue(violation.message().startsWith(field + ": "), violation::message);
    assertTrue(
        violation.reason().contains(expected),
        () -> "expected \"" + expected + "\" in " + violation.message());
    return violation;
  }

  static String messages(List<Violation> violations) {
    return violations.stream().map(Violation::message).collect(Collectors.joining(" | "));
  }
}
