package dev.paved.jobs.deviations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdjustedRandIndexTest {
  @Test
  void identicalPartitionsUnderOtherNamesScoreOne() {
    assertEquals(
        1.0, AdjustedRandIndex.of(List.of("a", "a", "b", "b"), List.of("x", "x", "y", "y")));
  }

  @Test
  void aHandComputedMismatch() {
    // truth {1,2,3}{4,5,6}, found {1,2}{3,4}{5,6}: Σ C(n_ij,2) = C(2,2)+C(2,2) = 2 (3|4 are
    // singletons in their cells); a = 3 + 3 = 6; b = 1 + 1 + 1 = 3; E = 6 * 3 / C(6,2)=15 = 1.2;
    // max = 4.5; ARI = (2 - 1.2) / (4.5 - 1.2) = 0.8 / 3.3.
    assertEquals(
        0.8 / 3.3,
        AdjustedRandIndex.of(
            List.of("t1", "t1", "t1", "t2", "t2", "t2"), List.of("x", "x", "y", "y", "z", "z")),
        1e-12);
  }
}
