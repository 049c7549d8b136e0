package dev.paved.jobs.deviations;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hubert and Arabie's adjusted Rand index of two labelings of the same items: 1 for identical
 * partitions, about 0 for chance agreement. ARI = (Σ C(n_ij,2) - E) / (½(Σ C(a_i,2) + Σ C(b_j,2)) -
 * E) with E = Σ C(a_i,2) · Σ C(b_j,2) / C(n,2).
 */
final class AdjustedRandIndex {
  private AdjustedRandIndex() {}

  static double of(List<String> truth, List<String> found) {
    if (truth.size() != found.size()) {
      throw new IllegalArgumentException("two labelings of the same items");
    }
    Map<String, Integer> cells = new HashMap<>();
    Map<String, Integer> rows = new HashMap<>();
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < truth.size(); i++) {
      cells.merge(truth.get(i) + "\u0000" + found.get(i), 1, Integer::sum);
      rows.merge(truth.get(i), 1, Integer::sum);
      columns.merge(found.get(i), 1, Integer::sum);
    }
    double index = cells.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
    double a = rows.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
    double b = columns.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
    double expected = a * b / pairs(truth.size());
    double max = (a + b) / 2;
    if (max == expected) {
      return 1;
    }
    return (index - expected) / (max - expected);
  }

  private static double pairs(int n) {
    return n * (n - 1) / 2.0;
  }
}
