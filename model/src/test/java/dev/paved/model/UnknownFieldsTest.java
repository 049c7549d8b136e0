package dev.paved.model;

import static dev.paved.model.DecodeAssertions.assertInvalid;
import static dev.paved.model.DecodeAssertions.assertOnlyViolation;
import static dev.paved.model.DecodeAssertions.assertValid;
import static dev.paved.model.ValidEvents.full;
import static dev.paved.model.ValidEvents.minimal;
import static dev.paved.model.ValidEvents.with;
import static dev.paved.model.ValidEvents.without;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class UnknownFieldsTest {

  @Test
  void aMisspeltFieldIsRejectedWithASuggestion() {
    ObjectNode event = with(without(full(EventType.DEPLOY), "service"), "servcie", "payments");
    assertEquals(
        List.of(
            "service: required for type deploy",
            "servcie: unknown field for type deploy (did you mean service?);"
                + " put extra data in attributes"),
        assertInvalid(event).stream().map(Violation::message).toList());
  }

  @Test
  void aFieldNotCloseToAnyIsRejectedWithoutSuggestion() {
    Violation violation =
        assertOnlyViolation(
            with(full(EventType.DEPLOY), "region", "eu-west-1"), "region", "unknown field");
    assertEquals(
        "region: unknown field for type deploy; put extra data in attributes", violation.message());
  }

  static Stream<Arguments> fieldsOfAnotherType() {
    return Stream.of(
        Arguments.of(EventType.CHANGE, "status", "success"),
        Arguments.of(EventType.DEPLOY, "step", "configure-ci"),
        Arguments.of(EventType.INCIDENT, "change_ids", List.of("9f1c2ab")),
        Arguments.of(EventType.DEVELOPER, "feature", "secrets"),
        Arguments.of(EventType.USAGE, "ticket_id", "ZD-1"),
        Arguments.of(EventType.TICKET, "run_id", "r-1"),
        Arguments.of(EventType.SURVEY, "reason", "because"),
        Arguments.of(EventType.DEVIATION, "score", 3));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("fieldsOfAnotherType")
  void fieldsOfAnotherTypeAreUnknown(EventType type, String field, Object value) {
    assertOnlyViolation(
        with(full(type), field, value), field, "unknown field for type " + type.wireName());
  }

  @Test
  void anUnknownFieldIsRejectedEvenWhenNull() {
    assertOnlyViolation(
        with(full(EventType.TICKET), "assignee", null), "assignee", "unknown field");
  }

  @Test
  void anUnknownFieldOfAnInlineChangeIsRejected() {
    Violation violation =
        assertOnlyViolation(
            with(full(EventType.DEPLOY), "changes[0].actr", "dev-9"),
            "changes[0].actr",
            "unknown field of an inline change");
    assertEquals(
        "changes[0].actr: unknown field of an inline change (did you mean actor?);"
            + " it has only change_id, time and actor",
        violation.message());
  }

  @Test
  void anOddFieldNameIsQuoted() {
    assertOnlyViolation(
        with(full(EventType.CHANGE), "pr opened", "x"), "\"pr opened\"", "unknown field");
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void envelopeFieldsBelongToEveryType(EventType type) {
    ObjectNode event = minimal(type);
    event.put("team", "search").put("actor", "dev-77").put("service", "indexer");
    event.put("source", "backstage").putObject("attributes").put("k", "v");
    assertValid(event);
  }

  @Test
  void anUnknownTypeListsTheTypesAndJudgesNoOtherField() {
    ObjectNode event = with(full(EventType.DEPLOY), "type", "build");
    event.put("pipeline", "main");
    Violation violation = assertOnlyViolation(event, "type", "must be one of");
    assertEquals(
        "type: must be one of change, deploy, incident, developer, usage, ticket, survey,"
            + " deviation (got \"build\")",
        violation.message());
  }
}
