package dev.paved.model;

import static dev.paved.model.DecodeAssertions.assertOnlyViolation;
import static dev.paved.model.DecodeAssertions.assertValid;
import static dev.paved.model.ValidEvents.full;
import static dev.paved.model.ValidEvents.repeated;
import static dev.paved.model.ValidEvents.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextRulesTest {

  private static final List<Arguments> SLUGS =
      List.of(
          Arguments.of(EventType.CHANGE, "team"),
          Arguments.of(EventType.DEVELOPER, "team"),
          Arguments.of(EventType.DEPLOY, "service"),
          Arguments.of(EventType.CHANGE, "source"),
          Arguments.of(EventType.DEPLOY, "environment"),
          Arguments.of(EventType.USAGE, "feature"),
          Arguments.of(EventType.TICKET, "feature"),
          Arguments.of(EventType.USAGE, "step"),
          Arguments.of(EventType.SURVEY, "question"),
          Arguments.of(EventType.DEVIATION, "component"),
          Arguments.of(EventType.DEVIATION, "golden_path"),
          Arguments.of(EventType.DEVIATION, "actual"));

  private static final List<String> NOT_SLUGS =
      List.of("Payments", "pay ments", "a".repeat(101), "", "café", "pay/ments", "payments\n");

  private static final List<Arguments> IDS =
      List.of(
          Arguments.of(EventType.CHANGE, "id"),
          Arguments.of(EventType.CHANGE, "actor"),
          Arguments.of(EventType.CHANGE, "change_id"),
          Arguments.of(EventType.CHANGE, "commit_ids[1]"),
          Arguments.of(EventType.DEPLOY, "deploy_id"),
          Arguments.of(EventType.DEPLOY, "change_ids[0]"),
          Arguments.of(EventType.DEPLOY, "changes[0].change_id"),
          Arguments.of(EventType.DEPLOY, "changes[0].actor"),
          Arguments.of(EventType.INCIDENT, "incident_id"),
          Arguments.of(EventType.INCIDENT, "caused_by_deploy"),
          Arguments.of(EventType.USAGE, "run_id"),
          Arguments.of(EventType.TICKET, "ticket_id"),
          Arguments.of(EventType.SURVEY, "survey_id"));

  private static final List<String> NOT_IDS =
      List.of("x".repeat(129), "", "a\u0001b", "a\nb", "tab\t", "a\u007fb", "a\u0085b", "\ud800x");

  static Stream<Arguments> badSlugs() {
    return SLUGS.stream()
        .flatMap(
            field ->
                NOT_SLUGS.stream().map(text -> Arguments.of(field.get()[0], field.get()[1], text)));
  }

  static Stream<Arguments> slugs() {
    return SLUGS.stream();
  }

  static Stream<Arguments> badIds() {
    return IDS.stream()
        .flatMap(
            field ->
                NOT_IDS.stream().map(text -> Arguments.of(field.get()[0], field.get()[1], text)));
  }

  static Stream<Arguments> ids() {
    return IDS.stream();
  }

  @ParameterizedTest(name = "{0}.{1} = \"{2}\"")
  @MethodSource("badSlugs")
  void slugsAreLowerCaseNames(EventType type, String field, String text) {
    assertOnlyViolation(
        with(full(type), field, text),
        field,
        "must be a slug: 1 to 100 characters of a-z 0-9 . _ -");
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("slugs")
  void slugsMayBeAHundredCharacters(EventType type, String field) {
    assertValid(with(full(type), field, "a".repeat(100)));
    assertValid(with(full(type), field, "v1.2_x-y"));
  }

  @Test
  void showsTheSlugItGot() {
    Violation violation =
        assertOnlyViolation(with(full(EventType.DEPLOY), "service", "Payments"), "service", "slug");
    assertEquals(
        "service: must be a slug: 1 to 100 characters of a-z 0-9 . _ - (got \"Payments\")",
        violation.message());
  }

  @ParameterizedTest(name = "{0}.{1} = \"{2}\"")
  @MethodSource("badIds")
  void idsArePrintableAndAtMost128(EventType type, String field, String text) {
    assertOnlyViolation(with(full(type), field, text), field, "printable characters");
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("ids")
  void idsMayBeAnyPrintableText(EventType type, String field) {
    assertValid(with(full(type), field, "x".repeat(128)));
    assertValid(with(full(type), field, "Dév 41 / ✓"));
    // Length counts characters, not UTF-16 units: each emoji is one.
    assertValid(with(full(type), field, "😀".repeat(128)));
  }

  @Test
  void saysHowLongAnIdIs() {
    Violation violation =
        assertOnlyViolation(
            with(full(EventType.DEPLOY), "deploy_id", "x".repeat(129)), "deploy_id", "128");
    assertEquals(
        "deploy_id: must be 1 to 128 printable characters (got 129 characters)",
        violation.message());
  }

  static Stream<Arguments> labels() {
    return Stream.of(
        Arguments.of(EventType.INCIDENT, "severity"), Arguments.of(EventType.TICKET, "priority"));
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("labels")
  void labelsArePrintableAndAtMost100(EventType type, String field) {
    assertValid(with(full(type), field, "P1 – Critical"));
    assertValid(with(full(type), field, "x".repeat(100)));
    assertOnlyViolation(with(full(type), field, "x".repeat(101)), field, "1 to 100 printable");
    assertOnlyViolation(with(full(type), field, ""), field, "1 to 100 printable");
    assertOnlyViolation(with(full(type), field, "P1\n"), field, "printable");
  }

  static Stream<Arguments> freeTexts() {
    return Stream.of(
        Arguments.of(EventType.DEVIATION, "reason", 4_000),
        Arguments.of(EventType.SURVEY, "comment", 4_000),
        Arguments.of(EventType.USAGE, "error", 1_000));
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("freeTexts")
  void freeTextHasALimit(EventType type, String field, int limit) {
    assertValid(with(full(type), field, "x".repeat(limit)));
    Violation violation =
        assertOnlyViolation(with(full(type), field, "x".repeat(limit + 1)), field, "at most");
    assertEquals(
        field + ": must be at most " + limit + " characters (got " + (limit + 1) + " characters)",
        violation.message());
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("freeTexts")
  void freeTextMayHaveLinesButNoOtherControlCharacters(EventType type, String field, int limit) {
    assertValid(with(full(type), field, "first line\r\nsecond\tline"));
    assertValid(with(full(type), field, ""));
    assertOnlyViolation(with(full(type), field, "nul\u0000byte"), field, "control characters");
  }

  static Stream<Arguments> arrays() {
    return Stream.of(
        Arguments.of(EventType.DEPLOY, "change_ids", "9f1c2ab"),
        Arguments.of(EventType.CHANGE, "commit_ids", "a1b2c3"),
        Arguments.of(
            EventType.DEPLOY,
            "changes",
            Map.of("change_id", "77aa", "time", "2026-03-02T08:00:00Z")));
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("arrays")
  void arraysHaveAtMostAThousandElements(EventType type, String field, Object element) {
    assertValid(with(full(type), field, List.of()));
    assertValid(with(full(type), field, repeated(element, 1_000)));
    Violation violation =
        assertOnlyViolation(with(full(type), field, repeated(element, 1_001)), field, "at most");
    assertEquals(field + ": must have at most 1000 elements (got 1001)", violation.message());
  }
}
