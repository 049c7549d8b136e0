package dev.paved.jobs.workflows;

import static dev.paved.jobs.workflows.WorkflowEvents.FEATURE;
import static dev.paved.jobs.workflows.WorkflowEvents.at;
import static dev.paved.jobs.workflows.WorkflowEvents.ticket;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.testing.TestEvents;
import dev.paved.model.Event;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ticket join driven by hand: pairing in either order, pruning timers, snapshot/restore. */
@Timeout(30)
class TicketFollowUpFunctionTest {

  private static final int ENTRIES_PER_KEY = 2;

  private KeyedTwoInputStreamOperatorTestHarness<String, AttemptFact, LoggedEvent, FollowUpFact>
      harness;

  @BeforeEach
  void open() throws Exception {
    harness = harness();
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static AttemptFact abandoned(String runId, String lastEventAt) {
    return new AttemptFact(
        AttemptFact.idOf(runId),
        runId,
        FEATURE,
        "search",
        "dev-1",
        at("2026-03-02T09:00:00Z"),
        at(lastEventAt),
        AttemptStatus.ABANDONED,
        "configure-ci",
        2,
        1,
        1);
  }

  @Test
  void aTicketBeforeTheAbandonmentIsDeclaredPairsAndTheTimersClearEverything() throws Exception {
    open(ticket("t-1", "2026-03-02T12:00:00Z", "T-1", "dev-1", FEATURE));
    assertEquals(List.of(), harness.extractOutputValues());
    // The abandonment is declared at 03-03 10:00, 24 h after the last event.
    attempt(abandoned("r-1", "2026-03-02T10:00:00Z"), "2026-03-03T10:00:00Z");

    List<FollowUpFact> facts = harness.extractOutputValues();
    assertEquals(1, facts.size());
    assertEquals("T-1", facts.get(0).ticketId());
    assertEquals(ENTRIES_PER_KEY, harness.numKeyedStateEntries());
    assertEquals(1, harness.numEventTimeTimers());

    // The attempt is kept to 03-02 10:00 + 48 h + 30 d = 04-03 10:00; the ticket to
    // 03-02 12:00 + 24 h + 30 d = 04-02 12:00.
    watermark("2026-04-02T12:00:00Z");
    assertEquals(ENTRIES_PER_KEY, harness.numKeyedStateEntries());
    assertEquals(1, harness.numEventTimeTimers(), "the next expiry: the attempt's");
    watermark("2026-04-03T10:00:00Z");
    assertEquals(0, harness.numKeyedStateEntries());
    assertEquals(0, harness.numEventTimeTimers());
  }

  @Test
  void anAbandonmentWaitingForATicketSurvivesASnapshotAndRestore() throws Exception {
    attempt(abandoned("r-1", "2026-03-02T10:00:00Z"), "2026-03-03T10:00:00Z");
    OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    harness.close();

    harness = harness();
    harness.initializeState(snapshot);
    harness.open();
    assertEquals(1, harness.numEventTimeTimers());
    // Late: opened 47 h after the last event, arriving after the watermark passed it.
    watermark("2026-03-05T00:00:00Z");
    open(ticket("t-1", "2026-03-04T09:00:00Z", "T-1", "dev-1", FEATURE));

    List<FollowUpFact> facts = harness.extractOutputValues();
    assertEquals("T-1", facts.get(facts.size() - 1).ticketId());
  }

  private static KeyedTwoInputStreamOperatorTestHarness<
          String, AttemptFact, LoggedEvent, FollowUpFact>
      harness() throws Exception {
    return new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(new TicketFollowUpFunction(WorkflowSettings.DEFAULTS)),
        TicketFollowUps::keyOfAttempt,
        logged -> TicketFollowUps.keyOfTicket(logged.event()),
        Types.STRING);
  }

  private void attempt(AttemptFact fact, String declaredAt) throws Exception {
    harness.processElement1(fact, at(declaredAt).toEpochMilli());
  }

  private void open(Event ticket) throws Exception {
    harness.processElement2(TestEvents.logged(ticket), ticket.time().toEpochMilli());
  }

  private void watermark(String time) throws Exception {
    harness.processBothWatermarks(new Watermark(at(time).toEpochMilli()));
  }
}
