package dev.paved.jobs.runtime;

import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets through the first copy of each event id and drops the copies that follow within the dedupe
 * horizon, late copies included.
 *
 * <p>An id is remembered until {@code max(event time, watermark) + horizon}: a copy resent days
 * later (in event time, as the watermark measures it) is still dropped if the horizon is longer,
 * and the state does not grow without bound, in a backfill as in streaming. Flink's state TTL is
 * not used: it exists in Flink 2.3 (heap backend included) but counts processing time only, so a
 * backfill replaying a year in minutes would keep every id of the year in memory.
 *
 * <p>The stream is keyed by a bucket of the id's hash, not by the id: each bucket keeps its ids in
 * one map, and one event-time timer per bucket and sweep slot (half the horizon) drops the ids
 * whose time has come; an id is so kept in memory for up to one and a half horizons, and visited by
 * two or three sweeps. One timer per id made Flink's timer queue the job's largest cost in a
 * backfill; a bucket's timer for a slot is registered once and shared by all its ids. Whether an id
 * is still remembered is decided against the watermark, so an id is forgotten exactly one horizon
 * after it was seen, even if the sweep removes it a little later.
 *
 * <p>A copy arriving after its id was forgotten passes again. That is harmless downstream: every
 * table is a ReplacingMergeTree keyed by a deterministic id, so its rows replace the first ones.
 */
public final class DedupeById extends KeyedProcessFunction<Integer, LoggedEvent, LoggedEvent> {
  public static final String UID = "dedupe-by-id-bucket";

  /** More buckets than the largest parallelism's key groups (128), so each map stays small. */
  static final int BUCKETS = 512;

  private static final int SLOTS_PER_HORIZON = 2;

  private final long horizonMillis;
  private final long slotMillis;
  private transient MapState<String, Long> forgetAt;

  /**
   * Per bucket, the sweep timer this instance registered last: registering it again for each id is
   * a lookup Flink does, skipped here. Not state: after a restore the timer is registered again.
   */
  private transient long[] sweepRegistered;

  private transient Counter duplicates;

  public DedupeById(Duration horizon) {
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("the dedupe horizon must be positive, got " + horizon);
    }
    this.horizonMillis = horizon.toMillis();
    this.slotMillis = Math.max(1, horizonMillis / SLOTS_PER_HORIZON);
  }

  /** {@code events} without copies. */
  public static DataStream<LoggedEvent> apply(DataStream<LoggedEvent> events, Duration horizon) {
    return events
        .keyBy(DedupeById::bucket, Types.INT)
        .process(new DedupeById(horizon), LoggedEventTypeInfo.INSTANCE)
        .uid(UID)
        .name("dedupe by id");
  }

  /** The bucket of {@code event}'s id: the key of this operator. */
  public static int bucket(LoggedEvent event) {
    // String.hashCode is specified, so the bucket of an id is the same in every JVM and restart.
    return Math.floorMod(event.id().hashCode(), BUCKETS);
  }

  @Override
  public void open(OpenContext context) {
    // The bucket's ids, each with the time it is forgotten at.
    forgetAt =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("forget-at", Types.STRING, Types.LONG));
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicatesDropped");
    sweepRegistered = new long[BUCKETS];
    Arrays.fill(sweepRegistered, Long.MIN_VALUE);
  }

  @Override
  public void processElement(LoggedEvent event, Context context, Collector<LoggedEvent> out)
      throws Exception {
    long watermark = context.timerService().currentWatermark();
    Long remembered = forgetAt.get(event.id());
    if (remembered != null && remembered > watermark) {
      duplicates.inc();
      return;
    }
    long at = saturatedAdd(Math.max(event.timeMillis(), watermark), horizonMillis);
    forgetAt.put(event.id(), at);
    // A sweep registered before is still ahead: it cannot have fired, being after the watermark.
    long sweep = sweepAt(at);
    int bucket = context.getCurrentKey();
    if (sweepRegistered[bucket] != sweep) {
      context.timerService().registerEventTimeTimer(sweep);
      sweepRegistered[bucket] = sweep;
    }
    out.collect(event);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<LoggedEvent> out)
      throws Exception {
    Iterator<Map.Entry<String, Long>> ids = forgetAt.iterator();
    while (ids.hasNext()) {
      if (ids.next().getValue() <= timestamp) {
        ids.remove();
      }
    }
    if (forgetAt.isEmpty()) {
      forgetAt.clear();
    }
  }

  /** The end of the sweep slot that {@code at} falls in: the bucket's timer that forgets it. */
  private long sweepAt(long at) {
    long rest = Math.floorMod(at, slotMillis);
    return rest == 0 ? at : saturatedAdd(at - rest, slotMillis);
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    // Overflow only when both are positive and the sum wraps.
    return a > 0 && sum < 0 ? Long.MAX_VALUE : sum;
  }
}
