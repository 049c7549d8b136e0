package dev.paved.ingest.bench;

import java.util.Arrays;

/** Request latencies of one thread, in nanoseconds; merged and sorted for percentiles. */
final class Latencies {
  private long[] samples = new long[1 << 14];
  private int count;

  void add(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
  }

  int count() {
    return count;
  }

  static Latencies merge(Iterable<Latencies> parts) {
    Latencies all = new Latencies();
    for (Latencies part : parts) {
      for (int i = 0; i < part.count; i++) {
        all.add(part.samples[i]);
      }
    }
    Arrays.sort(all.samples, 0, all.count);
    return all;
  }

  /** The {@code q} quantile (nearest rank) in milliseconds of merged, sorted samples. */
  double millis(double q) {
    if (count == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * count) - 1;
    return samples[Math.max(0, Math.min(count - 1, rank))] / 1e6;
  }
}
