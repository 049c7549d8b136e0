package dev.paved.jobs.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.testing.TestEvents;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ticket operator driven by hand: a row per event, state and timer gone after retention. */
@Timeout(30)
class TicketFunctionTest {

  @Test
  void emitsTheCurrentTicketAfterEachEventAndForgetsItAfterRetention() throws Exception {
    try (KeyedOneInputStreamOperatorTestHarness<String, LoggedEvent, TicketFact> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new TicketFunction()),
            event -> TicketLifecycle.key(event.event()),
            Types.STRING)) {
      harness.open();
      for (var event :
          List.of(
              TicketLifecycleTest.OPEN,
              TicketLifecycleTest.RESOLVE,
              TicketLifecycleTest.REOPEN,
              TicketLifecycleTest.RESOLVE_AGAIN)) {
        LoggedEvent logged = TestEvents.logged(event);
        harness.processElement(logged, logged.timeMillis());
      }
      List<TicketFact> facts = harness.extractOutputValues();
      assertEquals(4, facts.size());
      assertEquals(7200.0, facts.get(1).resolutionSeconds(), "resolved 2 h after opening");
      assertEquals(null, facts.get(2).resolutionSeconds(), "reopened");
      assertEquals(90_000.0, facts.get(3).resolutionSeconds());
      // The ticket state and its expiry, one timer.
      assertEquals(2, harness.numKeyedStateEntries());
      assertEquals(1, harness.numEventTimeTimers());

      long expiry = Instant.parse("2027-03-03T10:00:00Z").toEpochMilli();
      harness.processWatermark(expiry - 1);
      assertEquals(2, harness.numKeyedStateEntries());
      harness.processWatermark(expiry);
      assertEquals(0, harness.numKeyedStateEntries());
      assertEquals(0, harness.numEventTimeTimers());
    }
  }
}
