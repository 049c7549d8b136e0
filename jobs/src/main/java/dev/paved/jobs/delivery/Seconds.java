package dev.paved.jobs.delivery;

import java.time.Duration;
import java.time.Instant;

/** Durations as the seconds that fact rows store: exact to the nanosecond, fractions kept. */
public final class Seconds {

  private Seconds() {}

  /** {@code to - from} in seconds; negative when {@code to} is earlier. */
  public static double between(Instant from, Instant to) {
    Duration duration = Duration.between(from, to);
    return duration.getSeconds() + duration.getNano() / 1e9;
  }

  /** {@link #between}, or null when either end is unknown. */
  public static Double betweenOrNull(Instant from, Instant to) {
    return from == null || to == null ? null : between(from, to);
  }
}
