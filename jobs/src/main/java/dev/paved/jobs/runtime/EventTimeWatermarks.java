package dev.paved.jobs.runtime;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time for the jobs: each record's timestamp is its event {@code time}; the watermark trails
 * the newest time seen by {@code outOfOrderness}, per Kafka partition, and a partition quiet for
 * {@code idleTimeout} stops holding it back.
 *
 * <p>For the watermark only, an event's time counts as no later than when ingest received it. A
 * sender whose clock runs ahead (ingest accepts up to an hour) would otherwise push the watermark
 * ahead of everyone's real events and make them all late.
 *
 * <p>The watermark is a progress signal, never a filter: an event behind it (late) flows on like
 * any other. Operators that keep per-period results update them and emit the changed rows again,
 * which replace the old ones in ClickHouse (every table is a ReplacingMergeTree keyed by a
 * deterministic id). Nothing here drops late events; windows that would drop them are not used.
 */
public final class EventTimeWatermarks {
  private EventTimeWatermarks() {}

  public static WatermarkStrategy<LoggedEvent> strategy(
      Duration outOfOrderness, Duration idleTimeout) {
    long bound = outOfOrderness.toMillis();
    return WatermarkStrategy.<LoggedEvent>forGenerator(context -> new Generator(bound))
        .withTimestampAssigner((event, recordTimestamp) -> event.timeMillis())
        .withIdleness(idleTimeout);
  }

  /** Bounded out-of-orderness over {@code min(time, receivedAt)}. */
  static final class Generator implements WatermarkGenerator<LoggedEvent> {
    private final long bound;
    private long newest;

    Generator(long bound) {
      this.bound = bound;
      this.newest = Long.MIN_VALUE + bound + 1;
    }

    @Override
    public void onEvent(LoggedEvent event, long eventTimestamp, WatermarkOutput output) {
      newest = Math.max(newest, Math.min(event.timeMillis(), event.receivedAtMillis()));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.emitWatermark(new Watermark(newest - bound - 1));
    }
  }
}
