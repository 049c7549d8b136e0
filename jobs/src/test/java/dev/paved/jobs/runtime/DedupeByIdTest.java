package dev.paved.jobs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.jobs.runtime.testing.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dedupe operator, driven by hand: elements, watermarks, a snapshot and a restore. */
class DedupeByIdTest {
  private static final Duration HORIZON = Duration.ofHours(1);

  private KeyedOneInputStreamOperatorTestHarness<Integer, LoggedEvent, LoggedEvent> harness;

  @BeforeEach
  void open() throws Exception {
    harness = harness();
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void aCopyOfAnEventIsDropped() throws Exception {
    process(event("a", "10:00"));
    process(event("b", "10:01"));
    process(event("a", "10:00"));
    assertEquals(List.of("a", "b"), emittedIds());
  }

  @Test
  void aLateCopyIsDroppedAndALateNewEventPasses() throws Exception {
    process(event("a", "10:00"));
    harness.processWatermark(millis("10:30"));
    // Both are behind the watermark.
    process(event("a", "10:00"));
    process(event("late", "09:00"));
    assertEquals(List.of("a", "late"), emittedIds());
  }

  @Test
  void stateAndTimerAreClearedOneHorizonAfterTheEventTime() throws Exception {
    process(event("a", "10:00"));
    assertEquals(1, harness.numKeyedStateEntries());
    assertEquals(1, harness.numEventTimeTimers());

    harness.processWatermark(millis("10:59:59.999"));
    assertEquals(1, harness.numKeyedStateEntries());
    harness.processWatermark(millis("11:00"));
    assertEquals(0, harness.numKeyedStateEntries());
    assertEquals(0, harness.numEventTimeTimers());

    // Forgotten: a copy after the horizon passes again (its rows replace the first ones).
    process(event("a", "10:00"));
    assertEquals(List.of("a", "a"), emittedIds());
  }

  @Test
  void aLateEventIsRememberedForOneHorizonAfterTheWatermarkThatSawIt() throws Exception {
    harness.processWatermark(millis("12:00"));
    process(event("late", "09:00"));
    harness.processWatermark(millis("12:59"));
    process(event("late", "09:00"));
    assertEquals(1, harness.numKeyedStateEntries());
    harness.processWatermark(millis("13:00"));
    assertEquals(0, harness.numKeyedStateEntries());
    assertEquals(0, harness.numEventTimeTimers());
    assertEquals(List.of("late"), emittedIds());
  }

  @Test
  void theEndOfInputClearsEverything() throws Exception {
    process(event("a", "10:00"));
    process(event("b", "23:00"));
    harness.processWatermark(Long.MAX_VALUE);
    assertEquals(0, harness.numKeyedStateEntries());
    assertEquals(0, harness.numEventTimeTimers());
  }

  @Test
  void theIdsSeenSurviveASnapshotAndRestore() throws Exception {
    process(event("a", "10:00"));
    OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    harness.close();

    harness = harness();
    harness.initializeState(snapshot);
    harness.open();
    process(event("a", "10:00"));
    process(event("b", "10:05"));
    assertEquals(List.of("b"), emittedIds());
    harness.processWatermark(millis("11:00"));
    assertEquals(1, harness.numKeyedStateEntries(), "only b's state is left");
  }

  @Test
  void idsOfOneBucketShareItsSweepTimer() throws Exception {
    String first = "a";
    String second = idInTheBucketOf(first);
    process(event(first, "10:01"));
    process(event(second, "10:05"));
    // Sweeps every half horizon (30 minutes): both ids are removed at 11:30.
    assertEquals(1, harness.numEventTimeTimers());
    assertEquals(1, harness.numKeyedStateEntries(), "one map for the bucket");

    harness.processWatermark(millis("11:02"));
    // The first is forgotten on time, though the sweep that removes it comes later.
    process(event(first, "10:01"));
    process(event(second, "10:05"));
    assertEquals(List.of(first, second, first), emittedIds());
    harness.processWatermark(Long.MAX_VALUE);
    assertEquals(0, harness.numKeyedStateEntries());
    assertEquals(0, harness.numEventTimeTimers());
  }

  @Test
  void aCopyDaysLaterIsDroppedWithinAWeekLongHorizon() throws Exception {
    harness.close();
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DedupeById(Duration.ofDays(7))),
            DedupeById::bucket,
            Types.INT);
    harness.open();
    process(event("a", "10:00"));
    harness.processWatermark(Instant.parse("2026-03-08T09:59:59Z").toEpochMilli());
    harness.processElement(event("a", "10:00"), millis("10:00"));
    assertEquals(List.of("a"), emittedIds(), "six days later: still a copy");
    // Forgotten at 03-09 10:00, removed by the next sweep (every 84 hours) at the latest.
    harness.processWatermark(Instant.parse("2026-03-12T22:00:00Z").toEpochMilli());
    assertEquals(0, harness.numKeyedStateEntries());
    assertEquals(0, harness.numEventTimeTimers());
  }

  private static String idInTheBucketOf(String id) {
    int bucket = DedupeById.bucket(event(id, "10:00"));
    for (int i = 0; ; i++) {
      String other = "id-" + i;
      if (DedupeById.bucket(event(other, "10:00")) == bucket) {
        return other;
      }
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<Integer, LoggedEvent, LoggedEvent> harness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new DedupeById(HORIZON)), DedupeById::bucket, Types.INT);
  }

  private void process(LoggedEvent event) throws Exception {
    harness.processElement(event, event.timeMillis());
  }

  private List<String> emittedIds() {
    return harness.extractOutputValues().stream().map(LoggedEvent::id).toList();
  }

  private static LoggedEvent event(String id, String time) {
    return TestEvents.logged(TestEvents.change(id, "2026-03-02T" + time(time) + "Z", "checkout"));
  }

  private static long millis(String time) {
    return Instant.parse("2026-03-02T" + time(time) + "Z").toEpochMilli();
  }

  private static String time(String time) {
    return time.length() == 5 ? time + ":00" : time;
  }
}
