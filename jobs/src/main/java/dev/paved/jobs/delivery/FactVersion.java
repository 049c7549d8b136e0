package dev.paved.jobs.delivery;

import java.time.Instant;

/**
 * The {@code version} of a fact row: ClickHouse's ReplacingMergeTree keeps, per id, the row with
 * the highest version, so every emission of a fact must carry a higher version than the one before.
 *
 * <p>A version is the key's event-time clock (the latest event time its state has absorbed) in
 * microseconds, bumped by one when that would not exceed the previous version: a late event, whose
 * time does not move the clock, still supersedes what the key emitted before. Deriving it from
 * event time rather than from a counter means that replaying the same events into the same tables
 * ends with the same versions, whatever happened to the job's state in between.
 */
public final class FactVersion {

  private FactVersion() {}

  /** The version of the next emission of a key whose last emission had {@code previous}. */
  public static long next(long previous, Instant clock) {
    return Math.max(previous + 1, Math.multiplyExact(clock.toEpochMilli(), 1000L));
  }
}
