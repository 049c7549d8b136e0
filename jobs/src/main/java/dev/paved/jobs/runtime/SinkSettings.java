package dev.paved.jobs.runtime;

import dev.paved.config.JobsConfig;
import java.io.Serializable;
import java.time.Duration;

/**
 * When a ClickHouse sink inserts, and how it retries.
 *
 * @param batchRows rows buffered before an insert; the writer blocks while inserting, so this
 *     bounds its memory
 * @param flushInterval longest a row waits in the buffer
 * @param initialBackoff pause after the first failed attempt; it doubles after each failure
 * @param maxBackoff longest pause between two attempts
 */
public record SinkSettings(
    int batchRows, Duration flushInterval, Duration initialBackoff, Duration maxBackoff)
    implements Serializable {

  public static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);

  public SinkSettings {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be at least 1, got " + batchRows);
    }
    if (flushInterval.isNegative() || flushInterval.isZero()) {
      throw new IllegalArgumentException("flushInterval must be positive, got " + flushInterval);
    }
    if (initialBackoff.isNegative() || initialBackoff.compareTo(maxBackoff) > 0) {
      throw new IllegalArgumentException(
          "need 0 <= initialBackoff <= maxBackoff, got " + initialBackoff + ", " + maxBackoff);
    }
  }

  public static SinkSettings of(JobsConfig config) {
    return new SinkSettings(
        config.sinkBatchRows(),
        config.sinkFlushInterval(),
        INITIAL_BACKOFF.compareTo(config.sinkMaxBackoff()) < 0
            ? INITIAL_BACKOFF
            : config.sinkMaxBackoff(),
        config.sinkMaxBackoff());
  }
}
