package dev.paved.jobs.deviations;

import org.apache.commons.math3.ml.distance.DistanceMeasure;

/** 1 - cosine similarity; 1 when either vector is zero (nothing in common can be shown). */
final class CosineDistance implements DistanceMeasure {
  private static final long serialVersionUID = 1L;

  @Override
  public double compute(double[] a, double[] b) {
    double dot = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    if (aa == 0 || bb == 0) {
      return 1;
    }
    return Math.max(0, 1 - dot / Math.sqrt(aa * bb));
  }
}
