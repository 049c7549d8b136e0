package dev.paved.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.metrics.SurveyScores.Sample;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SurveyScoresTest {
  static Sample of(double... scores) {
    double sum = 0;
    double squares = 0;
    for (double score : scores) {
      sum += score;
      squares += score * score;
    }
    return new Sample(scores.length, sum, squares);
  }

  @Test
  void meanAndStudentTConfidenceInterval() {
    // 2, 4, 4, 6: mean 4; s² = (4 + 0 + 0 + 4) / 3 = 8/3; s/√n = √(8/3)/2 = 0.816497;
    // t(0.975, 3) = 3.182446; half width 2.598453.
    Sample sample = of(2, 4, 4, 6);
    assertEquals(4.0, sample.mean());
    assertEquals(8.0 / 3, sample.variance(), 1e-12);
    double[] ci = sample.confidenceInterval().orElseThrow();
    assertEquals(4 - 2.598453, ci[0], 1e-5);
    assertEquals(4 + 2.598453, ci[1], 1e-5);
    assertEquals(Optional.empty(), of(5).confidenceInterval());
  }

  @Test
  void netPromoterScore() {
    // 9, 6, 10: promoters 2, detractors 1: 100 * 1 / 3.
    assertEquals(100.0 / 3, SurveyScores.netPromoterScore(3, 2, 1).orElseThrow(), 1e-12);
    assertEquals(Optional.empty(), SurveyScores.netPromoterScore(0, 0, 0));
  }

  @Test
  void welchTestFlagsAClearShiftAndNotNoise() {
    // 1,2,3,2,1 (mean 1.8) against 4,5,4,5,4 (mean 4.4): t = -2.6 / √(0.7/5 + 0.3/5) = -5.81,
    // Welch df ≈ 6.9, p ≈ 0.0007 < 0.05.
    assertTrue(SurveyScores.changeSignificant(of(1, 2, 3, 2, 1), of(4, 5, 4, 5, 4)));
    // 3,4,5 against 4,3,5: same mean.
    assertFalse(SurveyScores.changeSignificant(of(3, 4, 5), of(4, 3, 5)));
    // 3,4 against 4,5: t = -1 / √(0.5/2 + 0.5/2) = -1.41, df 2, p = 0.29.
    assertFalse(SurveyScores.changeSignificant(of(3, 4), of(4, 5)));
    // Too few answers, or no variance at all: not a test, not significant.
    assertFalse(SurveyScores.changeSignificant(of(1), of(5, 5, 5)));
    assertFalse(SurveyScores.changeSignificant(of(1, 1), of(5, 5)));
  }
}
