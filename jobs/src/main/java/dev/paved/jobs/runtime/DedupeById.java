package dev.paved.jobs.runtime;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets through the first copy of each event id and drops the copies that follow within the dedupe
 * horizon, late copies included. Keyed by id.
 *
 * <p>The state of an id is cleared by an event-time timer at {@code max(event time, watermark) +
 * horizon}: a copy resent days later (in event time, as the watermark measures it) is still dropped
 * if the horizon is longer, and the state does not grow without bound, in a backfill as in
 * streaming. Flink's state TTL is not used: it exists in Flink 2.3 (heap backend included) but
 * counts processing time only, so a backfill replaying a year in minutes would keep every id of the
 * year in memory.
 *
 * <p>A copy arriving after its id was forgotten passes again. That is harmless downstream: every
 * table is a ReplacingMergeTree keyed by a deterministic id, so its rows replace the first ones.
 */
public final class DedupeById extends KeyedProcessFunction<String, LoggedEvent, LoggedEvent> {
  public static final String UID = "dedupe-by-id";

  private final long horizonMillis;
  private transient ValueState<Long> forgetAt;
  private transient Counter duplicates;

  public DedupeById(Duration horizon) {
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("the dedupe horizon must be positive, got " + horizon);
    }
    this.horizonMillis = horizon.toMillis();
  }

  /** {@code events} keyed by id, without copies. */
  public static DataStream<LoggedEvent> apply(DataStream<LoggedEvent> events, Duration horizon) {
    return events
        .keyBy(LoggedEvent::id, Types.STRING)
        .process(new DedupeById(horizon), LoggedEventTypeInfo.INSTANCE)
        .uid(UID)
        .name("dedupe by id");
  }

  @Override
  public void open(OpenContext context) {
    // When this id is forgotten: the timestamp of its event-time timer.
    forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicatesDropped");
  }

  @Override
  public void processElement(LoggedEvent event, Context context, Collector<LoggedEvent> out)
      throws Exception {
    if (forgetAt.value() != null) {
      duplicates.inc();
      return;
    }
    long seen = Math.max(event.timeMillis(), context.timerService().currentWatermark());
    long at = saturatedAdd(seen, horizonMillis);
    context.timerService().registerEventTimeTimer(at);
    forgetAt.update(at);
    out.collect(event);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<LoggedEvent> out)
      throws Exception {
    forgetAt.clear();
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    // Overflow only when both are positive and the sum wraps.
    return a > 0 && sum < 0 ? Long.MAX_VALUE : sum;
  }
}
