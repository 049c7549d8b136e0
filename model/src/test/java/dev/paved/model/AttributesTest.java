package dev.paved.model;

import static dev.paved.model.DecodeAssertions.assertInvalid;
import static dev.paved.model.DecodeAssertions.assertOnlyViolation;
import static dev.paved.model.DecodeAssertions.assertValid;
import static dev.paved.model.ValidEvents.full;
import static dev.paved.model.ValidEvents.json;
import static dev.paved.model.ValidEvents.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttributesTest {

  private static ObjectNode withAttributes(Object attributes) {
    return with(full(EventType.DEPLOY), "attributes", attributes);
  }

  private static Map<String, Object> keys(int count) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    IntStream.range(0, count).forEach(i -> attributes.put("key" + i, i));
    return attributes;
  }

  @Test
  void keepsStringsNumbersAndBooleans() {
    Event event = assertValid(full(EventType.CHANGE));
    assertEquals(
        Map.of("repo", "payments-api", "lines_changed", 120L, "ratio", 0.25, "draft", false),
        event.attributes());
  }

  @Test
  void integersTooLargeForALongBecomeDoubles() {
    Event event = assertValid(withAttributes(json("{\"big\":12345678901234567890}")));
    assertEquals(1.2345678901234567e19, event.attributes().get("big"));
  }

  @Test
  void areOptional() {
    assertEquals(Map.of(), assertValid(ValidEvents.minimal(EventType.DEPLOY)).attributes());
    assertEquals(Map.of(), assertValid(withAttributes(null)).attributes());
    assertEquals(Map.of(), assertValid(withAttributes(Map.of())).attributes());
  }

  @Test
  void mayHaveSixtyFourKeys() {
    assertEquals(64, assertValid(withAttributes(keys(64))).attributes().size());
    Violation violation = assertOnlyViolation(withAttributes(keys(65)), "attributes", "at most");
    assertEquals("attributes: must have at most 64 keys (got 65)", violation.message());
  }

  @Test
  void mustBeAnObject() {
    assertOnlyViolation(
        withAttributes(List.of("a")), "attributes", "must be an object (got array)");
    assertOnlyViolation(withAttributes("a=b"), "attributes", "must be an object (got string)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"region", "Region.Name", "build_no-2", "x"})
  void keysAreNames(String key) {
    assertValid(withAttributes(Map.of(key, "v")));
  }

  @Test
  void keysMayBeAHundredCharacters() {
    assertValid(withAttributes(Map.of("k".repeat(100), "v")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "ümlaut", "a/b", "", "line\nbreak"})
  void badKeysAreNamedQuoted(String key) {
    Violation violation =
        assertOnlyViolation(
            withAttributes(Map.of(key, "v")),
            "attributes." + EventCodec.mapper().valueToTree(key),
            "key must be 1 to 100 characters of A-Z a-z 0-9 . _ -");
    assertTrue(violation.message().startsWith("attributes.\""), violation::message);
  }

  @Test
  void aLongBadKeyIsCutShortInTheMessage() {
    List<Violation> violations = assertInvalid(withAttributes(Map.of("k".repeat(101), "v")));
    assertEquals(1, violations.size());
    assertEquals("attributes.\"" + "k".repeat(40) + "...\"", violations.get(0).field());
  }

  @Test
  void valuesAreFlat() {
    assertOnlyViolation(
        withAttributes(Map.of("nested", Map.of("a", 1))),
        "attributes.nested",
        "must be a string, number or boolean; attributes are flat (got object)");
    assertOnlyViolation(
        withAttributes(Map.of("list", List.of(1, 2))), "attributes.list", "(got array)");
    Map<String, Object> withNull = new LinkedHashMap<>();
    withNull.put("nothing", null);
    assertOnlyViolation(withAttributes(withNull), "attributes.nothing", "(got null)");
  }

  @Test
  void stringValuesHaveAThousandCharacters() {
    assertValid(withAttributes(Map.of("note", "x".repeat(1_000))));
    assertOnlyViolation(
        withAttributes(Map.of("note", "x".repeat(1_001))),
        "attributes.note",
        "must be at most 1000 characters (got 1001 characters)");
  }

  @Test
  void numberValuesAreFinite() {
    assertOnlyViolation(
        withAttributes(json("{\"huge\":-1e400}")), "attributes.huge", "must be a finite number");
  }

  @Test
  void reportsEveryBadAttribute() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("ok", 1);
    attributes.put("nested", Map.of());
    attributes.put("bad key", 2);
    List<String> fields =
        assertInvalid(withAttributes(attributes)).stream().map(Violation::field).toList();
    assertEquals(List.of("attributes.nested", "attributes.\"bad key\""), fields);
  }
}
