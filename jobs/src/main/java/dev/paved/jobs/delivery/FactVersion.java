package dev.paved.jobs.delivery;

import java.time.Instant;

/**
 * The {@code version} of a fact row: ClickHouse's ReplacingMergeTree keeps, per id, the row with
 * the highest version, so every emission of a fact must carry a higher version than the one before,
 * and a row that reflects more of the key's inputs must beat one that reflects fewer, whichever run
 * wrote them.
 *
 * <p>A version is a function of the key's state ({@link #of}), not of the order its inputs arrived
 * in: the key's clock (the latest event time its state has absorbed) in microseconds plus its
 * evidence (how many distinct inputs the state holds). Absorbing an input never moves the clock
 * back and adds one to the evidence, so the version grows with every input, a late one included.
 * The calculators emit their fact again whenever its version grows, even if its content did not, so
 * the row a run leaves is the version of the key's final state: the same in a backfill, a streaming
 * run or a run restarted from a checkpoint, and a stale row from an earlier run, which saw fewer or
 * earlier inputs, loses to it.
 *
 * <p>Where the state shrinks (a withdrawn attribution, inputs pruned as no longer decisive) the
 * version of the state may not grow; {@link #next} then still puts the emission one above the
 * previous one, which keeps a run's emissions in order, and only then may the version depend on the
 * arrival order.
 */
public final class FactVersion {

  private FactVersion() {}

  /** The version of a key's state with {@code clock} and {@code evidence} distinct inputs. */
  public static long of(Instant clock, int evidence) {
    return Math.addExact(Math.multiplyExact(clock.toEpochMilli(), 1000L), evidence);
  }

  /** The version to emit: the state's, or one above the previous emission's if that is not less. */
  public static long next(long previous, long ofState) {
    return Math.max(previous + 1, ofState);
  }
}
