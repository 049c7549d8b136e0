package dev.paved.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The Kaplan–Meier estimate of the time to a milestone, from observations that either reached it or
 * were censored (not yet reached when last seen).
 *
 * <p>At each distinct time {@code t} at which some observations reached the milestone, survival is
 * multiplied by {@code 1 - d/n}: {@code d} reached at {@code t}, {@code n} still at risk (duration
 * at least {@code t}). An observation censored at {@code t} counts as at risk at {@code t}, the
 * usual convention: it was still waiting then.
 *
 * <p>Quantile {@code q} (metrics.md, "Conventions"): the smallest time at which the estimated
 * survival is at or below {@code 1 - q}; empty ("not reached") when it never falls that far.
 * Survival is compared with a tolerance of 1e-9: for ten observations without censoring the
 * survival after the ninth is exactly 1/10, which floating point computes as 0.10000000000000002,
 * above {@code 1 - 0.9}; without the tolerance the p90 would move to the tenth. Without censoring
 * this is the empirical quantile, the smallest observed duration {@code x} with at least {@code q}
 * of the observations at or below it (for durations 1, 2, 3, 4 the median is 2, not the 2.5 of the
 * interpolated percentiles used elsewhere).
 *
 * <p>Pure and free of Flink: the API builds one per cohort and milestone from the fact rows.
 */
public final class KaplanMeier {

  private static final double TOLERANCE = 1e-9;

  private final List<Step> curve;
  private final int count;
  private final int reached;

  private KaplanMeier(List<Step> curve, int count, int reached) {
    this.curve = curve;
    this.count = count;
    this.reached = reached;
  }

  /** The estimate from these observations; an empty collection gives an empty curve. */
  public static KaplanMeier of(Collection<Observation> observations) {
    List<Observation> sorted =
        observations.stream()
            .sorted(Comparator.comparingDouble(Observation::durationSeconds))
            .toList();
    List<Step> curve = new ArrayList<>();
    double survival = 1.0;
    int atRisk = sorted.size();
    int reachedTotal = 0;
    int i = 0;
    while (i < sorted.size()) {
      double time = sorted.get(i).durationSeconds();
      int reachedHere = 0;
      int censoredHere = 0;
      for (; i < sorted.size() && sorted.get(i).durationSeconds() == time; i++) {
        if (sorted.get(i).reached()) {
          reachedHere++;
        } else {
          censoredHere++;
        }
      }
      survival *= 1.0 - (double) reachedHere / atRisk;
      curve.add(new Step(time, atRisk, reachedHere, censoredHere, survival));
      atRisk -= reachedHere + censoredHere;
      reachedTotal += reachedHere;
    }
    return new KaplanMeier(List.copyOf(curve), sorted.size(), reachedTotal);
  }

  /** One step per distinct duration observed, in order; survival changes where some reached. */
  public List<Step> curve() {
    return curve;
  }

  /** Observations in all. */
  public int count() {
    return count;
  }

  /** Observations that reached the milestone. */
  public int reached() {
    return reached;
  }

  /** Observations censored: not reached when last seen ("still onboarding", or left). */
  public int censored() {
    return count - reached;
  }

  /** The estimated survival at {@code time}: the probability of not having reached it yet. */
  public double survival(double time) {
    double survival = 1.0;
    for (Step step : curve) {
      if (step.timeSeconds() > time) {
        break;
      }
      survival = step.survival();
    }
    return survival;
  }

  /** Quantile {@code q} in (0, 1), as defined in the class comment; empty when not reached. */
  public OptionalDouble quantile(double q) {
    if (!(q > 0 && q < 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1), not " + q);
    }
    for (Step step : curve) {
      if (step.survival() <= 1 - q + TOLERANCE) {
        return OptionalDouble.of(step.timeSeconds());
      }
    }
    return OptionalDouble.empty();
  }

  /**
   * One developer's time to a milestone.
   *
   * @param durationSeconds time from joining to reaching it, or to being censored
   * @param reached false when censored
   */
  public record Observation(double durationSeconds, boolean reached) {

    public Observation {
      if (!(durationSeconds >= 0) || Double.isInfinite(durationSeconds)) {
        throw new IllegalArgumentException(
            "duration must be finite and not negative, not " + durationSeconds);
      }
    }
  }

  /**
   * The curve at one observed duration.
   *
   * @param atRisk observations with a duration of at least {@code timeSeconds}
   * @param reached observations that reached the milestone at {@code timeSeconds}
   * @param censored observations censored at {@code timeSeconds}
   * @param survival the estimate from {@code timeSeconds} on
   */
  public record Step(double timeSeconds, int atRisk, int reached, int censored, double survival) {}
}
