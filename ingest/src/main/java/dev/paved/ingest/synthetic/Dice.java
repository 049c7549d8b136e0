package dev.paved.ingest.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded randomness with the few distributions the organisation needs. Every draw is built on
 * {@code nextLong} and {@link StrictMath}, whose results the JDK specifies exactly, so a seed gives
 * the same organisation on every JVM and machine.
 */
final class Dice {
  private final SplittableRandom random;

  Dice(long seed) {
    random = new SplittableRandom(seed);
  }

  /** Uniform in [0, 1). */
  double uniform() {
    return (random.nextLong() >>> 11) * 0x1.0p-53;
  }

  double between(double low, double high) {
    return low + (high - low) * uniform();
  }

  int below(int bound) {
    return (int) (uniform() * bound);
  }

  boolean chance(double probability) {
    return uniform() < probability;
  }

  /** Standard normal, by Box–Muller. */
  double gaussian() {
    double radius = StrictMath.sqrt(-2 * StrictMath.log(1 - uniform()));
    return radius * StrictMath.cos(2 * StrictMath.PI * uniform());
  }

  /** Durations and sizes: skewed, always positive, half of them below the median. */
  double logNormal(double median, double sigma) {
    return median * StrictMath.exp(sigma * gaussian());
  }

  double exponential(double mean) {
    return -mean * StrictMath.log(1 - uniform());
  }

  int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + StrictMath.sqrt(mean) * gaussian()));
    }
    double limit = StrictMath.exp(-mean);
    int count = 0;
    for (double product = uniform(); product > limit; product *= uniform()) {
      count++;
    }
    return count;
  }

  <T> T pick(List<T> items) {
    return items.get(below(items.size()));
  }

  /** Picks the first items far more often than the last: recurring errors, common reasons. */
  <T> T pickSkewed(List<T> items) {
    double u = uniform();
    return items.get((int) (u * u * items.size()));
  }

  int weighted(double[] weights) {
    double total = 0;
    for (double weight : weights) {
      total += weight;
    }
    double target = uniform() * total;
    for (int i = 0; i < weights.length - 1; i++) {
      target -= weights[i];
      if (target < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  <T> void shuffle(List<T> items) {
    for (int i = items.size() - 1; i > 0; i--) {
      int j = below(i + 1);
      T item = items.get(i);
      items.set(i, items.get(j));
      items.set(j, item);
    }
  }
}
