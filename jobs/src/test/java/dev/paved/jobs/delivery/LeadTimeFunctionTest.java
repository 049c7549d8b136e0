package dev.paved.jobs.delivery;

import static dev.paved.jobs.delivery.Events.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.testing.TestEvents;
import dev.paved.model.Event;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lead-time operator driven by hand: change events and shipments in any order, watermarks, the
 * expiry timer, a snapshot and a restore. The arithmetic is in the comments.
 */
@Timeout(30)
class LeadTimeFunctionTest {

  private static final LeadTimeCalculator CALCULATOR =
      new LeadTimeCalculator(DeliverySettings.DEFAULTS);

  /** Entries per key: the LeadTimeState and its expires-at. */
  private static final int ENTRIES_PER_KEY = 2;

  private KeyedTwoInputStreamOperatorTestHarness<String, LoggedEvent, Shipment, ChangeLeadTime>
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

  @Test
  void aDeployBeforeItsChangeWaitsForIt() throws Exception {
    ship(Events.deploy("d-1", "2026-03-02T16:00:00Z", "payments", "7781", "c1"));
    assertEquals(List.of(), harness.extractOutputValues(), "no change time yet");
    change(Events.change("c-1", "2026-03-02T09:00:00Z", "payments", "c1", "dev-41"));

    ChangeLeadTime fact = single();
    assertEquals("change:payments:c1", fact.id());
    assertEquals("7781", fact.deployId());
    assertEquals("dev-41", fact.actor());
    // 16:00 - 09:00 = 7 h = 25,200 s
    assertEquals(25_200, fact.leadTimeSeconds());
  }

  @Test
  void anEarlierDeployArrivingBehindTheWatermarkReEmitsTheFact() throws Exception {
    change(Events.change("c-1", "2026-03-02T09:00:00Z", "payments", "c1", "dev-41"));
    ship(Events.deploy("d-2", "2026-03-03T09:00:00Z", "payments", "7782", "c1"));
    watermark(at("2026-03-04T00:00:00Z").toEpochMilli());
    // Late: its time (day 2, 12:00) is a day and a half behind the watermark.
    ship(Events.deploy("d-1", "2026-03-02T12:00:00Z", "payments", "7781", "c1"));

    List<ChangeLeadTime> facts = harness.extractOutputValues();
    assertEquals(2, facts.size());
    // First: 03-03 09:00 - 03-02 09:00 = 24 h = 86,400 s; then the earlier deploy: 3 h.
    assertEquals(86_400, facts.get(0).leadTimeSeconds());
    assertEquals("7781", facts.get(1).deployId());
    assertEquals(10_800, facts.get(1).leadTimeSeconds());
    assertTrue(facts.get(1).version() > facts.get(0).version(), "the late row replaces the first");
  }

  @Test
  void theExpiryTimerClearsTheStateSevenDaysAfterTheLatestEvent() throws Exception {
    change(Events.change("c-1", "2026-03-02T09:00:00Z", "payments", "c1", "dev-41"));
    // Not shipped yet: kept for the horizon (180 days), one timer.
    assertEquals(ENTRIES_PER_KEY, harness.numKeyedStateEntries());
    assertEquals(1, harness.numEventTimeTimers());

    ship(Events.deploy("d-1", "2026-03-02T16:00:00Z", "payments", "7781", "c1"));
    // Shipped: the timer moved to 16:00 + 7 days = 03-09 16:00; the 180-day one is gone.
    assertEquals(1, harness.numEventTimeTimers());
    watermark(at("2026-03-09T15:59:59.999Z").toEpochMilli());
    assertEquals(ENTRIES_PER_KEY, harness.numKeyedStateEntries());

    watermark(at("2026-03-09T16:00:00Z").toEpochMilli());
    assertEquals(0, harness.numKeyedStateEntries());
    assertEquals(0, harness.numEventTimeTimers());
  }

  @Test
  void anExpiryMovedLaterKeepsItsTimerAndStillClearsOnTime() throws Exception {
    ship(Events.deploy("d-1", "2026-03-02T16:00:00Z", "payments", "7781", "c1"));
    ship(Events.deploy("d-2", "2026-03-04T16:00:00Z", "payments", "7782", "c1"));
    // The expiry moved from 03-09 16:00 to 03-11 16:00; the first timer is kept, not replaced.
    assertEquals(1, harness.numEventTimeTimers());

    watermark(at("2026-03-09T16:00:00Z").toEpochMilli());
    // It fired before the expiry and was registered again at the expiry.
    assertEquals(ENTRIES_PER_KEY, harness.numKeyedStateEntries());
    assertEquals(1, harness.numEventTimeTimers());
    watermark(at("2026-03-11T15:59:59.999Z").toEpochMilli());
    assertEquals(ENTRIES_PER_KEY, harness.numKeyedStateEntries());

    watermark(at("2026-03-11T16:00:00Z").toEpochMilli());
    assertEquals(0, harness.numKeyedStateEntries());
    assertEquals(0, harness.numEventTimeTimers());
  }

  @Test
  void aDuplicateChangesNothingAndTheEndOfInputClearsEverything() throws Exception {
    Event deploy = Events.deploy("d-1", "2026-03-02T16:00:00Z", "payments", "7781", "c1", "c2");
    change(Events.change("c-1", "2026-03-02T09:00:00Z", "payments", "c1", "dev-41"));
    ship(deploy);
    ship(deploy);
    change(Events.change("c-2", "2026-03-02T10:00:00Z", "payments", "c2", "dev-41"));
    assertEquals(2, harness.extractOutputValues().size(), "one fact per change, once");
    assertEquals(2 * ENTRIES_PER_KEY, harness.numKeyedStateEntries());

    watermark(Long.MAX_VALUE);
    assertEquals(0, harness.numKeyedStateEntries());
    assertEquals(0, harness.numEventTimeTimers());
  }

  @Test
  void aChangeWaitingForItsDeploySurvivesASnapshotAndRestore() throws Exception {
    change(Events.change("c-1", "2026-03-02T09:00:00Z", "payments", "c1", "dev-41"));
    OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    harness.close();

    harness = harness();
    harness.initializeState(snapshot);
    harness.open();
    assertEquals(1, harness.numEventTimeTimers(), "the timer is restored with the state");
    ship(Events.deploy("d-1", "2026-03-02T10:30:00Z", "payments", "7781", "c1"));
    // 10:30 - 09:00 = 5,400 s
    assertEquals(5_400, single().leadTimeSeconds());

    watermark(at("2026-03-09T10:30:00Z").toEpochMilli());
    assertEquals(0, harness.numKeyedStateEntries());
  }

  @Test
  void aLateChangeAfterItsStateExpiredWaitsForTheNextDeploy() throws Exception {
    ship(Events.deploy("d-1", "2026-03-02T16:00:00Z", "payments", "7781", "c1"));
    watermark(at("2026-03-10T00:00:00Z").toEpochMilli());
    assertEquals(0, harness.numKeyedStateEntries(), "the deploy waited 7 days");
    change(Events.change("c-1", "2026-03-02T09:00:00Z", "payments", "c1", "dev-41"));
    assertEquals(List.of(), harness.extractOutputValues());
    assertEquals(ENTRIES_PER_KEY, harness.numKeyedStateEntries(), "it waits for a deploy");
  }

  @Test
  void aKeyOfACheckpointWithTheEarlierExpiryLayoutStillExpires() throws Exception {
    harness.close();
    harness =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(new EarlierLayout()),
            event -> LeadTimeCalculator.key(event.event()),
            Shipment::key,
            Types.STRING);
    harness.open();
    ship(Events.deploy("d-1", "2026-03-02T16:00:00Z", "payments", "7781", "c1"));
    OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    harness.close();

    harness = harness();
    harness.initializeState(snapshot);
    harness.open();
    // Untouched since the restore: its timer at 03-09 16:00 (7 days after the deploy) clears it.
    assertEquals(1, harness.numEventTimeTimers());
    watermark(at("2026-03-09T15:59:59.999Z").toEpochMilli());
    assertEquals(ENTRIES_PER_KEY, harness.numKeyedStateEntries());
    watermark(at("2026-03-09T16:00:00Z").toEpochMilli());
    assertEquals(0, harness.numKeyedStateEntries());
    assertEquals(0, harness.numEventTimeTimers());
  }

  /** Keeps a waiting deploy as versions before the kept timers did: the expiry as one Long. */
  private static final class EarlierLayout
      extends KeyedCoProcessFunction<String, LoggedEvent, Shipment, ChangeLeadTime> {
    private transient ValueState<LeadTimeState> state;
    private transient ValueState<Long> expiresAt;

    @Override
    public void open(OpenContext context) {
      state =
          getRuntimeContext()
              .getState(
                  new ValueStateDescriptor<>("lead-time", TypeInformation.of(LeadTimeState.class)));
      expiresAt =
          getRuntimeContext()
              .getState(new ValueStateDescriptor<>("lead-time-expires-at", Types.LONG));
    }

    @Override
    public void processElement1(
        LoggedEvent change, Context context, Collector<ChangeLeadTime> out) {
      throw new UnsupportedOperationException("deploys only");
    }

    @Override
    public void processElement2(Shipment shipment, Context context, Collector<ChangeLeadTime> out)
        throws Exception {
      LeadTimeState current = new LeadTimeState();
      CALCULATOR.onShipment(current, shipment);
      long at = CALCULATOR.expiry(current).toEpochMilli();
      state.update(current);
      expiresAt.update(at);
      context.timerService().registerEventTimeTimer(at);
    }
  }

  private static KeyedTwoInputStreamOperatorTestHarness<
          String, LoggedEvent, Shipment, ChangeLeadTime>
      harness() throws Exception {
    return new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(new LeadTimeFunction(DeliverySettings.DEFAULTS)),
        event -> LeadTimeCalculator.key(event.event()),
        Shipment::key,
        Types.STRING);
  }

  private void change(Event change) throws Exception {
    harness.processElement1(TestEvents.logged(change), change.time().toEpochMilli());
  }

  private void ship(Event deploy) throws Exception {
    for (Shipment shipment : CALCULATOR.shipments(deploy)) {
      harness.processElement2(shipment, shipment.finishedAt().toEpochMilli());
    }
  }

  private void watermark(long millis) throws Exception {
    harness.processBothWatermarks(new Watermark(millis));
  }

  private ChangeLeadTime single() {
    List<ChangeLeadTime> facts = harness.extractOutputValues();
    assertEquals(1, facts.size(), facts.toString());
    return facts.get(0);
  }
}
