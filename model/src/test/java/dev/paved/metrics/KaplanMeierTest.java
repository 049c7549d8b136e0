package dev.paved.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.paved.metrics.KaplanMeier.Observation;
import dev.paved.metrics.KaplanMeier.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class KaplanMeierTest {

  private static Observation reached(double seconds) {
    return new Observation(seconds, true);
  }

  private static Observation censored(double seconds) {
    return new Observation(seconds, false);
  }

  /**
   * Seven developers, three censored, one of them at the same time as two others reached:
   *
   * <pre>
   * t  at risk  reached  censored  survival
   * 2     7        1        0      6/7                 = 0.857142...
   * 3     6        0        1      6/7
   * 4     5        2        1      6/7 * (1 - 2/5) = 18/35 = 0.514285...
   * 6     2        1        0      18/35 * (1 - 1/2) = 9/35 = 0.257142...
   * 8     1        0        1      9/35
   * </pre>
   *
   * The one censored at 4 is still at risk at 4. Median (survival at or below 0.5): first at 6,
   * since 18/35 is above one half. q = 0.25 (at or below 0.75): 4. p90 (at or below 0.1): never.
   */
  private final KaplanMeier estimate =
      KaplanMeier.of(
          List.of(
              reached(6),
              censored(3),
              reached(4),
              censored(8),
              reached(2),
              censored(4),
              reached(4)));

  @Test
  void curveMatchesTheHandComputation() {
    List<Step> expected =
        List.of(
            new Step(2, 7, 1, 0, 6.0 / 7),
            new Step(3, 6, 0, 1, 6.0 / 7),
            new Step(4, 5, 2, 1, 18.0 / 35),
            new Step(6, 2, 1, 0, 9.0 / 35),
            new Step(8, 1, 0, 1, 9.0 / 35));
    List<Step> curve = estimate.curve();
    assertEquals(expected.size(), curve.size());
    for (int i = 0; i < expected.size(); i++) {
      Step want = expected.get(i);
      Step got = curve.get(i);
      assertEquals(want.timeSeconds(), got.timeSeconds());
      assertEquals(want.atRisk(), got.atRisk(), "at risk at " + want.timeSeconds());
      assertEquals(want.reached(), got.reached(), "reached at " + want.timeSeconds());
      assertEquals(want.censored(), got.censored(), "censored at " + want.timeSeconds());
      assertEquals(want.survival(), got.survival(), 1e-12, "survival at " + want.timeSeconds());
    }
    assertEquals(18.0 / 35, estimate.survival(5), 1e-12);
    assertEquals(1.0, estimate.survival(1.5));
  }

  @Test
  void countsReachedAndCensored() {
    assertEquals(7, estimate.count());
    assertEquals(4, estimate.reached());
    assertEquals(3, estimate.censored());
  }

  @Test
  void quantilesWithCensoring() {
    assertEquals(OptionalDouble.of(6), estimate.quantile(0.5));
    assertEquals(OptionalDouble.of(4), estimate.quantile(0.25));
    assertEquals(OptionalDouble.empty(), estimate.quantile(0.9)); // 9/35 never reaches 0.1
  }

  @Test
  void nothingReachedMeansNoQuantile() {
    KaplanMeier allCensored = KaplanMeier.of(List.of(censored(10), censored(20)));

    assertEquals(OptionalDouble.empty(), allCensored.quantile(0.5));
    assertEquals(0, allCensored.reached());
    assertEquals(OptionalDouble.empty(), KaplanMeier.of(List.of()).quantile(0.5));
  }

  @Test
  void withoutCensoringEqualsTheEmpiricalQuantile() {
    // sorted: 1 2 3 3 4 5 6 7 8 9. Median: the smallest x with at least 5 of 10 at or below it is
    // 4. p90: at least 9 of 10: 8, where the estimate is 9/10 * 8/9 * 6/8 * 5/6 * 4/5 * 3/4 * 2/3
    // * 1/2 = 1/10, which floating point computes as 0.10000000000000002, above 1 - 0.9 =
    // 0.09999999999999998: the tolerance keeps it "at or below". Likewise q = 0.8 at 7.
    List<Double> durations = List.of(5.0, 1.0, 4.0, 2.0, 3.0, 3.0, 7.0, 6.0, 9.0, 8.0);
    List<Observation> observations = new ArrayList<>();
    durations.forEach(duration -> observations.add(reached(duration)));
    KaplanMeier estimate = KaplanMeier.of(observations);

    assertEquals(OptionalDouble.of(4), estimate.quantile(0.5));
    assertEquals(OptionalDouble.of(7), estimate.quantile(0.8));
    assertEquals(OptionalDouble.of(8), estimate.quantile(0.9));
    for (int tenths = 1; tenths <= 9; tenths++) {
      assertEquals(
          OptionalDouble.of(empirical(durations, tenths)),
          estimate.quantile(tenths / 10.0),
          "q = " + tenths / 10.0);
    }
  }

  /** The smallest observed x with at least tenths/10 of the values at or below it, exactly. */
  private static double empirical(List<Double> values, int tenths) {
    return values.stream()
        .sorted()
        .filter(
            x -> values.stream().filter(v -> v <= x).count() * 10 >= (long) tenths * values.size())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void refusesNegativeDurationsAndQuantilesOutsideTheUnitInterval() {
    assertThrows(IllegalArgumentException.class, () -> reached(-1));
    assertThrows(IllegalArgumentException.class, () -> reached(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> estimate.quantile(1));
  }
}
