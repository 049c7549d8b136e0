package dev.paved.model;

import static dev.paved.model.DecodeAssertions.assertOnlyViolation;
import static dev.paved.model.DecodeAssertions.assertValid;
import static dev.paved.model.ValidEvents.full;
import static dev.paved.model.ValidEvents.minimal;
import static dev.paved.model.ValidEvents.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChoicesTest {

  private record Choice(
      EventType type,
      String field,
      Class<? extends WireValue> values,
      Function<Event, Object> read) {

    @Override
    public String toString() {
      return type.wireName() + "." + field;
    }
  }

  private static final List<Choice> CHOICES =
      List.of(
          new Choice(
              EventType.DEPLOY, "status", Deploy.Status.class, e -> ((Deploy) e.body()).status()),
          new Choice(
              EventType.INCIDENT,
              "action",
              Incident.Action.class,
              e -> ((Incident) e.body()).action()),
          new Choice(
              EventType.DEVELOPER,
              "action",
              Developer.Action.class,
              e -> ((Developer) e.body()).action()),
          new Choice(
              EventType.USAGE, "action", Usage.Action.class, e -> ((Usage) e.body()).action()),
          new Choice(
              EventType.TICKET, "action", Ticket.Action.class, e -> ((Ticket) e.body()).action()),
          new Choice(EventType.TICKET, "kind", Ticket.Kind.class, e -> ((Ticket) e.body()).kind()),
          new Choice(
              EventType.DEVIATION,
              "action",
              Deviation.Action.class,
              e -> ((Deviation) e.body()).action()));

  static Stream<Arguments> everyValue() {
    return CHOICES.stream()
        .flatMap(
            choice ->
                Arrays.stream(choice.values().getEnumConstants())
                    .map(value -> Arguments.of(choice, value)));
  }

  static Stream<Arguments> badValues() {
    return CHOICES.stream()
        .flatMap(
            choice ->
                Stream.of(
                        "ok",
                        "",
                        choice.values().getEnumConstants()[0].wireName().toUpperCase(Locale.ROOT))
                    .map(text -> Arguments.of(choice, text)));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("everyValue")
  void acceptsEveryWireName(Choice choice, WireValue value) {
    Event event = assertValid(with(full(choice.type()), choice.field(), value.wireName()));
    assertEquals(value, choice.read().apply(event));
  }

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @MethodSource("badValues")
  void listsTheValuesItAccepts(Choice choice, String text) {
    String values =
        Arrays.stream(choice.values().getEnumConstants())
            .map(WireValue::wireName)
            .collect(Collectors.joining(", "));
    assertOnlyViolation(
        with(full(choice.type()), choice.field(), text),
        choice.field(),
        "must be one of " + values + " (got \"" + text + "\")");
  }

  @Test
  void showsTheValueItGot() {
    Violation violation =
        assertOnlyViolation(with(full(EventType.DEPLOY), "status", "ok"), "status", "one of");
    assertEquals(
        "status: must be one of success, failure, rolled_back (got \"ok\")", violation.message());
  }

  @Test
  void aDeployIsToProductionUnlessSaidOtherwise() {
    Deploy deploy = (Deploy) assertValid(minimal(EventType.DEPLOY)).body();
    assertEquals("production", deploy.environment());
  }

  @Test
  void aDeviationStartsUnlessSaidOtherwise() {
    Deviation deviation = (Deviation) assertValid(minimal(EventType.DEVIATION)).body();
    assertEquals(Deviation.Action.STARTED, deviation.action());
  }
}
