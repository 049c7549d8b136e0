package dev.paved.model;

import static dev.paved.model.DecodeAssertions.assertInvalid;
import static dev.paved.model.DecodeAssertions.assertOnlyViolation;
import static dev.paved.model.DecodeAssertions.assertValid;
import static dev.paved.model.ValidEvents.full;
import static dev.paved.model.ValidEvents.json;
import static dev.paved.model.ValidEvents.minimal;
import static dev.paved.model.ValidEvents.with;
import static dev.paved.model.ValidEvents.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class RequiredFieldsTest {

  private static final List<String> ENVELOPE = List.of("id", "type", "time");

  /** The required fields of each type, as the contract lists them. */
  private static final Map<EventType, List<String>> REQUIRED =
      Map.of(
          EventType.CHANGE, List.of("change_id", "service"),
          EventType.DEPLOY, List.of("deploy_id", "service", "status"),
          EventType.INCIDENT, List.of("incident_id", "action"),
          EventType.DEVELOPER, List.of("actor", "action", "team"),
          // The full usage event is a failed step, which needs a run and a step too.
          EventType.USAGE, List.of("actor", "feature", "action", "run_id", "step"),
          EventType.TICKET, List.of("ticket_id", "action"),
          EventType.SURVEY, List.of("survey_id", "question", "score", "scale_min", "scale_max"),
          EventType.DEVIATION, List.of("team", "component", "golden_path", "actual"));

  static Stream<Arguments> envelopeFields() {
    return ValidEvents.types()
        .flatMap(type -> ENVELOPE.stream().map(field -> Arguments.of(type, field)));
  }

  static Stream<Arguments> typeFields() {
    return ValidEvents.types()
        .flatMap(type -> REQUIRED.get(type).stream().map(field -> Arguments.of(type, field)));
  }

  @ParameterizedTest(name = "{0} without {1}")
  @MethodSource("envelopeFields")
  void everyEventNeedsItsEnvelope(EventType type, String field) {
    Violation violation = assertOnlyViolation(without(full(type), field), field, "required");
    assertEquals(field + ": required", violation.message());
  }

  @ParameterizedTest(name = "{0} without {1}")
  @MethodSource("typeFields")
  void eachTypeNeedsItsFields(EventType type, String field) {
    assertOnlyViolation(without(full(type), field), field, "required for type " + type.wireName());
  }

  @ParameterizedTest(name = "{0} with {1} null")
  @MethodSource("typeFields")
  void nullIsAbsent(EventType type, String field) {
    assertOnlyViolation(
        with(full(type), field, null), field, "required for type " + type.wireName());
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void requiredFieldsAreEnough(EventType type) {
    assertValid(minimal(type));
  }

  @Test
  void namesTheTypeThatRequiresTheField() {
    Violation violation =
        assertOnlyViolation(without(full(EventType.DEPLOY), "service"), "service", "required");
    assertEquals("service: required for type deploy", violation.message());
  }

  @ParameterizedTest
  @EnumSource(
      value = Usage.Action.class,
      names = {"STARTED", "STEP", "COMPLETED", "FAILED"})
  void workflowUsageNeedsARun(Usage.Action action) {
    var event = without(with(full(EventType.USAGE), "action", action.wireName()), "run_id");
    assertOnlyViolation(
        event, "run_id", "required for type usage with action " + action.wireName());
  }

  @ParameterizedTest
  @EnumSource(
      value = Usage.Action.class,
      names = {"STEP", "FAILED"})
  void stepsAndFailuresNeedAStep(Usage.Action action) {
    var event = without(with(full(EventType.USAGE), "action", action.wireName()), "step");
    assertOnlyViolation(event, "step", "required for type usage with action " + action.wireName());
  }

  @ParameterizedTest
  @EnumSource(
      value = Usage.Action.class,
      names = {"STARTED", "COMPLETED", "USED"})
  void otherUsageNeedsNoStep(Usage.Action action) {
    assertValid(without(with(full(EventType.USAGE), "action", action.wireName()), "step"));
  }

  @Test
  void aSingleFeatureUseNeedsNoRun() {
    Event event = assertValid(without(with(full(EventType.USAGE), "action", "used"), "run_id"));
    assertNull(((Usage) event.body()).runId());
  }

  @Test
  void anEventMustBeAnObject() {
    List<Violation> violations = assertInvalid(JsonNodeFactory.instance.arrayNode());
    assertEquals(List.of(new Violation("event", "must be a JSON object (got array)")), violations);
  }

  @Test
  void anEmptyObjectLacksTheWholeEnvelope() {
    assertEquals(
        List.of(
            new Violation("id", "required"),
            new Violation("type", "required"),
            new Violation("time", "required")),
        assertInvalid(json("{}")));
  }

  @Test
  void reportsEveryViolationOfAnEvent() {
    var event =
        with(with(without(full(EventType.DEPLOY), "service"), "status", "ok"), "time", "yesterday");
    List<String> fields = assertInvalid(event).stream().map(Violation::field).toList();
    assertEquals(List.of("time", "service", "status"), fields);
  }

  @Test
  void aRejectedEventKeepsItsIdForTheSender() {
    var event = with(full(EventType.DEPLOY), "status", "ok");
    Decoded.Invalid invalid = (Decoded.Invalid) EventCodec.decode(event, ValidEvents.RECEIVED_AT);
    assertEquals("deploy-7781", invalid.id());
  }

  @Test
  void aRejectedEventWithABadIdHasNone() {
    var event = with(full(EventType.DEPLOY), "id", "");
    Decoded.Invalid invalid = (Decoded.Invalid) EventCodec.decode(event, ValidEvents.RECEIVED_AT);
    assertNull(invalid.id());
  }
}
