package dev.paved.jobs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.jobs.runtime.testing.TestEvents;
import dev.paved.model.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class EventTimeWatermarksTest {
  private static final long TEN_MINUTES = 600_000;

  private final EventTimeWatermarks.Generator generator =
      new EventTimeWatermarks.Generator(TEN_MINUTES);
  private final List<Long> watermarks = new ArrayList<>();
  private final WatermarkOutput output =
      new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
          watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
      };

  @Test
  void trailsTheNewestEventTimeByTheBound() {
    see("2026-03-02T10:00:00Z", "2026-03-02T10:00:01Z");
    see("2026-03-02T09:00:00Z", "2026-03-02T10:00:02Z");
    generator.onPeriodicEmit(output);
    assertEquals(List.of(millis("2026-03-02T09:50:00Z") - 1), watermarks);
  }

  @Test
  void anEventFromTheFutureCountsAsReceivedWhenItWas() {
    see("2026-03-02T10:00:00Z", "2026-03-02T10:00:01Z");
    // A sender whose clock is 50 minutes ahead.
    see("2026-03-02T10:50:00Z", "2026-03-02T10:00:02Z");
    generator.onPeriodicEmit(output);
    assertEquals(List.of(millis("2026-03-02T09:50:02Z") - 1), watermarks);
  }

  @Test
  void theTimestampIsTheEventTime() {
    LoggedEvent event = logged("2026-03-02T10:50:00Z", "2026-03-02T10:00:02Z");
    assertEquals(
        millis("2026-03-02T10:50:00Z"),
        EventTimeWatermarks.strategy(
                java.time.Duration.ofMinutes(10), java.time.Duration.ofMinutes(1))
            .createTimestampAssigner(null)
            .extractTimestamp(event, 0));
  }

  private void see(String time, String receivedAt) {
    generator.onEvent(logged(time, receivedAt), millis(time), output);
  }

  private static LoggedEvent logged(String time, String receivedAt) {
    Event event = TestEvents.change("e-" + time, time, "checkout");
    return LoggedEvent.of(event, "s", Instant.parse(receivedAt));
  }

  private static long millis(String time) {
    return Instant.parse(time).toEpochMilli();
  }
}
