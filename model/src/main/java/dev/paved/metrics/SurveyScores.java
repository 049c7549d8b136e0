package dev.paved.metrics;

import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Survey statistics (metrics.md §5) from the sums SQL computes: responses {@code n}, the sum of the
 * scores and the sum of their squares.
 *
 * <ul>
 *   <li>mean, and its 95% confidence interval {@code mean ± t(0.975, n-1) · s / √n} with Student's
 *       t and the sample standard deviation {@code s} (n − 1 in the denominator); no interval for
 *       fewer than two responses;
 *   <li>net promoter score {@code 100 · (promoters − detractors) / n}, promoters scoring 9–10 and
 *       detractors 0–6 on the 0–10 scale;
 *   <li>a change between two periods is significant when Welch's two-sample t-test (unequal
 *       variances) rejects equal means at 5%, two-sided; it needs at least two responses on each
 *       side and some variance, otherwise it is not significant.
 * </ul>
 */
public final class SurveyScores {
  /** The significance level of a change. */
  public static final double ALPHA = 0.05;

  private SurveyScores() {}

  /** One group's responses: their count, sum and sum of squares. */
  public record Sample(long n, double sum, double sumOfSquares) {

    public double mean() {
      return sum / n;
    }

    /** The sample variance (n − 1 in the denominator); 0 for one response. */
    public double variance() {
      if (n < 2) {
        return 0;
      }
      return Math.max(0, (sumOfSquares - sum * sum / n) / (n - 1));
    }

    /** The 95% confidence interval of the mean, or empty with fewer than two responses. */
    public Optional<double[]> confidenceInterval() {
      if (n < 2) {
        return Optional.empty();
      }
      double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - ALPHA / 2);
      double half = t * Math.sqrt(variance() / n);
      return Optional.of(new double[] {mean() - half, mean() + half});
    }

    private StatisticalSummaryValues summary() {
      return new StatisticalSummaryValues(mean(), variance(), n, Double.NaN, Double.NaN, sum);
    }
  }

  /** The net promoter score of {@code n} answers, or empty without answers. */
  public static Optional<Double> netPromoterScore(long n, long promoters, long detractors) {
    if (n == 0) {
      return Optional.empty();
    }
    return Optional.of(100.0 * (promoters - detractors) / n);
  }

  /** Whether the means of {@code before} and {@code after} differ at {@link #ALPHA} (Welch). */
  public static boolean changeSignificant(Sample before, Sample after) {
    if (before.n() < 2 || after.n() < 2) {
      return false;
    }
    if (before.variance() == 0 && after.variance() == 0) {
      return false;
    }
    return new TTest().tTest(before.summary(), after.summary(), ALPHA);
  }
}
