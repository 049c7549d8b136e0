package dev.paved.jobs.runtime;

import java.time.Duration;

/** Exponential back-off: the pause doubles after each failure, up to a maximum. Not thread-safe. */
public final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private long nextMillis;
  private int failures;

  public Backoff(Duration initial, Duration max) {
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
    this.nextMillis = initialMillis;
  }

  /** Records a failure; returns how long to wait before the next attempt. */
  public Duration failed() {
    failures++;
    long pause = nextMillis;
    nextMillis = Math.min(maxMillis, Math.max(1, nextMillis) * 2);
    return Duration.ofMillis(pause);
  }

  /** Failures since the last success. */
  public int failures() {
    return failures;
  }

  public void succeeded() {
    failures = 0;
    nextMillis = initialMillis;
  }
}
