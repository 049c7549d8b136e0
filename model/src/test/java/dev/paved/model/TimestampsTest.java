package dev.paved.model;

import static dev.paved.model.DecodeAssertions.assertOnlyViolation;
import static dev.paved.model.DecodeAssertions.assertValid;
import static dev.paved.model.ValidEvents.RECEIVED_AT;
import static dev.paved.model.ValidEvents.full;
import static dev.paved.model.ValidEvents.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

  private static final List<Arguments> TIMESTAMP_FIELDS =
      List.of(
          Arguments.of(EventType.CHANGE, "time"),
          Arguments.of(EventType.CHANGE, "pr_opened_at"),
          Arguments.of(EventType.CHANGE, "pr_first_review_at"),
          Arguments.of(EventType.CHANGE, "pr_merged_at"),
          Arguments.of(EventType.DEPLOY, "started_at"),
          Arguments.of(EventType.DEPLOY, "changes[0].time"),
          Arguments.of(EventType.SURVEY, "time"));

  private static final List<String> NOT_RFC_3339 =
      List.of(
          "2026-03-01T14:03:22",
          "2026-03-01 14:03",
          "2026-03-01 14:03:22Z",
          "2026-03-01",
          "2026-03-01T14:03Z",
          "2026-03-01T14:03:22+0100",
          "2026-03-01T14:03:22+01",
          "2026-03-01T14:03:22.Z",
          "2026-03-01T14:03:22.1234567891Z",
          "2026-02-30T10:00:00Z",
          "2026-03-01T24:00:00Z",
          "2026-03-01T14:03:22+25:00",
          "26-03-01T14:03:22Z",
          "1772373802",
          "yesterday",
          "");

  static Stream<Arguments> badTimestamps() {
    return TIMESTAMP_FIELDS.stream()
        .flatMap(
            field ->
                NOT_RFC_3339.stream()
                    .map(text -> Arguments.of(field.get()[0], field.get()[1], text)));
  }

  static Stream<Arguments> timestampFields() {
    return TIMESTAMP_FIELDS.stream();
  }

  @ParameterizedTest(name = "{0}.{1} = \"{2}\"")
  @MethodSource("badTimestamps")
  void mustBeRfc3339WithAnOffset(EventType type, String field, String text) {
    assertOnlyViolation(with(full(type), field, text), field, "must be RFC 3339 with an offset");
  }

  @Test
  void showsAnExampleAndWhatItGot() {
    Violation violation =
        assertOnlyViolation(
            with(full(EventType.DEPLOY), "time", "2026-03-01 14:03"), "time", "RFC 3339");
    assertEquals(
        "time: must be RFC 3339 with an offset, e.g. 2026-03-01T14:03:22Z (got \"2026-03-01 14:03\")",
        violation.message());
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("timestampFields")
  void mustBeAString(EventType type, String field) {
    assertOnlyViolation(with(full(type), field, 1_772_373_802_000L), field, "(got number)");
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("timestampFields")
  void mustNotBeBefore1970(EventType type, String field) {
    assertOnlyViolation(
        with(full(type), field, "1969-12-31T23:59:59Z"), field, "must not be before 1970");
    // Midnight in Paris on 1 January 1970 was still 1969 in UTC.
    assertOnlyViolation(
        with(full(type), field, "1970-01-01T00:30:00+01:00"), field, "must not be before 1970");
    assertValid(with(full(type), field, "1970-01-01T00:00:00Z"));
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("timestampFields")
  void mayBeAtMostAnHourAhead(EventType type, String field) {
    Instant limit = RECEIVED_AT.plus(Duration.ofHours(1));
    assertValid(with(full(type), field, limit.toString()));
    assertOnlyViolation(
        with(full(type), field, limit.plusMillis(1).toString()),
        field,
        "must not be more than 1 hour ahead of the receiving clock, 2026-03-02T12:00:00Z");
  }

  @Test
  void theHourIsMeasuredInUtcWhateverTheOffset() {
    assertValid(with(full(EventType.USAGE), "time", "2026-03-02T14:00:00+01:00"));
    assertOnlyViolation(
        with(full(EventType.USAGE), "time", "2026-03-02T14:00:01+01:00"), "time", "1 hour");
    assertOnlyViolation(
        with(full(EventType.USAGE), "time", "2026-03-02T08:00:01-05:00"), "time", "1 hour");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-03-01T14:03:22Z",
        "2026-03-01t14:03:22z",
        "2026-03-01T15:03:22+01:00",
        "2026-03-01T09:03:22-05:00",
        "2026-03-01T14:03:22+00:00",
        "2026-03-01T14:03:22-00:00"
      })
  void keepsTheInstantNotTheOffset(String text) {
    Event event = assertValid(with(full(EventType.DEPLOY), "time", text));
    assertEquals(Instant.parse("2026-03-01T14:03:22Z"), event.time());
  }

  @Test
  void keepsFractionsOfASecond() {
    Event event =
        assertValid(with(full(EventType.DEPLOY), "time", "2026-03-01T15:03:22.120+01:00"));
    assertEquals(Instant.parse("2026-03-01T14:03:22.120Z"), event.time());
    Event precise =
        assertValid(with(full(EventType.DEPLOY), "time", "2026-03-01T14:03:22.123456789Z"));
    assertEquals(Instant.parse("2026-03-01T14:03:22.123456789Z"), precise.time());
  }

  /** The canonical UTC form has a fast path of its own; it must read what the general one reads. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-03-01T14:03:22Z",
        "2026-03-01T14:03:22.1Z",
        "2026-03-01T14:03:22.12Z",
        "2026-03-01T14:03:22.120Z",
        "2026-03-01T14:03:22.1234Z",
        "2026-03-01T14:03:22.12345678Z",
        "2026-03-01T14:03:22.000000001Z",
        "2024-02-29T23:59:59.999Z",
        "2025-12-31T00:00:00Z",
        "2026-01-31T12:00:00Z",
        "1970-01-01T00:00:00Z"
      })
  void readsTheCanonicalFormExactly(String text) {
    Event event = assertValid(with(full(EventType.DEPLOY), "time", text));
    assertEquals(Instant.parse(text), event.time());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-02-29T10:00:00Z",
        "2026-04-31T10:00:00Z",
        "2026-13-01T10:00:00Z",
        "2026-03-01T14:60:00Z",
        "2026-03-01T14:03:60Z",
        "2026-03-0aT14:03:22Z"
      })
  void rejectsCanonicalLookingTextThatIsNoInstant(String text) {
    assertOnlyViolation(
        with(full(EventType.DEPLOY), "time", text), "time", "must be RFC 3339 with an offset");
  }
}
