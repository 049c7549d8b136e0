package dev.paved.model;

import static dev.paved.model.DecodeAssertions.assertOnlyViolation;
import static dev.paved.model.DecodeAssertions.assertValid;
import static dev.paved.model.ValidEvents.full;
import static dev.paved.model.ValidEvents.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SurveyScaleTest {

  private static ObjectNode answer(double score, double scaleMin, double scaleMax) {
    ObjectNode event = full(EventType.SURVEY);
    event.put("score", score).put("scale_min", scaleMin).put("scale_max", scaleMax);
    return event;
  }

  @ParameterizedTest
  @ValueSource(doubles = {1, 3.5, 5})
  void aScoreMayBeAnywhereOnTheScale(double score) {
    Survey survey = (Survey) assertValid(answer(score, 1, 5)).body();
    assertEquals(score, survey.score());
    assertEquals(1, survey.scaleMin());
    assertEquals(5, survey.scaleMax());
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 5.5, -1})
  void aScoreOffTheScaleIsRejected(double score) {
    assertOnlyViolation(
        answer(score, 1, 5), "score", "must be between scale_min 1 and scale_max 5 (got ");
  }

  @Test
  void saysWhereTheScoreFell() {
    Violation violation = assertOnlyViolation(answer(7, 0, 5), "score", "between");
    assertEquals("score: must be between scale_min 0 and scale_max 5 (got 7)", violation.message());
  }

  @Test
  void theScaleMustGoUp() {
    assertOnlyViolation(
        answer(3, 5, 5),
        "scale_max",
        "must be greater than scale_min (got scale_min 5, scale_max 5)");
    assertOnlyViolation(answer(3, 10, 0.5), "scale_max", "(got scale_min 10, scale_max 0.5)");
  }

  @Test
  void anUnansweredSurveyHasNoScore() {
    assertOnlyViolation(with(full(EventType.SURVEY), "score", "n/a"), "score", "must be a number");
  }
}
