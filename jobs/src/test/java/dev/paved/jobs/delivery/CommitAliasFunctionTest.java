package dev.paved.jobs.delivery;

import static dev.paved.jobs.delivery.Events.at;
import static dev.paved.jobs.delivery.Events.deploy;
import static dev.paved.jobs.delivery.Events.listing;
import static dev.paved.jobs.delivery.Events.pullRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

/**
 * The commit-alias operator driven by hand: a pull request listing the squash commit s7 and a
 * deploy naming s7, in either order; the expiry timer, a snapshot and a restore.
 */
@Timeout(30)
class CommitAliasFunctionTest {

  private static final LeadTimeCalculator CALCULATOR =
      new LeadTimeCalculator(DeliverySettings.DEFAULTS);

  /** Entries per key: the CommitAliasState and its expires-at. */
  private static final int ENTRIES_PER_KEY = 2;

  private static final String PR = "acme/pay#7";

  private static final Event MERGED =
      listing(
          pullRequest(
              "pr-7-merged",
              "2026-03-05T08:00:00Z",
              "payments",
              PR,
              "dev-41",
              null,
              null,
              "2026-03-05T12:00:00Z"),
          "s7");

  private static final Event DEPLOY =
      deploy("d-8", "2026-03-05T14:00:00Z", "payments", "7796", "s7");

  private static final Shipment REFERENCE = CALCULATOR.shipments(DEPLOY).get(0);

  private KeyedTwoInputStreamOperatorTestHarness<String, CommitAlias, Shipment, Shipment> harness;

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
  void aDeployBeforeTheMergedEventShipsTheShaThenThePullRequest() throws Exception {
    reference();
    assertEquals(List.of(REFERENCE), harness.extractOutputValues(), "s7 as itself, for now");
    assertEquals(ENTRIES_PER_KEY, harness.numKeyedStateEntries());
    assertEquals(1, harness.numEventTimeTimers());

    alias();
    List<Shipment> routed = harness.extractOutputValues();
    assertEquals(3, routed.size());
    assertEquals("payments/" + PR, routed.get(1).key());
    assertEquals("7796", routed.get(1).deployId());
    assertEquals("payments/s7", routed.get(2).key());
    assertEquals(PR, routed.get(2).claimedBy());

    // referenced: kept until 14:00 + 7 days = 03-12 14:00
    watermark(at("2026-03-12T13:59:59.999Z").toEpochMilli());
    assertEquals(ENTRIES_PER_KEY, harness.numKeyedStateEntries());
    watermark(at("2026-03-12T14:00:00Z").toEpochMilli());
    assertEquals(0, harness.numKeyedStateEntries());
    assertEquals(0, harness.numEventTimeTimers());
  }

  @Test
  void theMergedEventBeforeTheDeployShipsThePullRequestAtOnce() throws Exception {
    alias();
    assertEquals(List.of(), harness.extractOutputValues());
    assertEquals(1, harness.numEventTimeTimers(), "the alias waits the horizon for a deploy");

    reference();
    List<Shipment> routed = harness.extractOutputValues();
    assertEquals(
        List.of("payments/" + PR, "payments/s7"), routed.stream().map(Shipment::key).toList());
    assertEquals(PR, routed.get(1).claimedBy());
    assertEquals(1, harness.numEventTimeTimers(), "the horizon timer gave way to the 7-day one");

    watermark(Long.MAX_VALUE);
    assertEquals(0, harness.numKeyedStateEntries());
    assertEquals(0, harness.numEventTimeTimers());
  }

  @Test
  void aWaitingReferenceSurvivesASnapshotAndRestore() throws Exception {
    reference();
    OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    harness.close();

    harness = harness();
    harness.initializeState(snapshot);
    harness.open();
    assertEquals(1, harness.numEventTimeTimers(), "the timer is restored with the state");
    alias();
    List<Shipment> routed = harness.extractOutputValues();
    assertEquals(
        List.of("payments/" + PR, "payments/s7"), routed.stream().map(Shipment::key).toList());

    watermark(at("2026-03-12T14:00:00Z").toEpochMilli());
    assertEquals(0, harness.numKeyedStateEntries());
    assertEquals(0, harness.numEventTimeTimers());
  }

  @Test
  void anAliasMoreThanSevenDaysAfterTheDeployFindsNothing() throws Exception {
    reference();
    watermark(at("2026-03-13T00:00:00Z").toEpochMilli());
    assertEquals(0, harness.numKeyedStateEntries(), "the reference waited 7 days");

    alias();
    assertEquals(List.of(REFERENCE), harness.extractOutputValues(), "nothing more routed");
    assertEquals(ENTRIES_PER_KEY, harness.numKeyedStateEntries(), "the alias waits for a deploy");
  }

  private static KeyedTwoInputStreamOperatorTestHarness<String, CommitAlias, Shipment, Shipment>
      harness() throws Exception {
    return new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(new CommitAliasFunction(DeliverySettings.DEFAULTS)),
        CommitAlias::key,
        Shipment::key,
        Types.STRING);
  }

  private void alias() throws Exception {
    for (CommitAlias alias : CommitAliases.aliases(MERGED)) {
      harness.processElement1(alias, alias.time().toEpochMilli());
    }
  }

  private void reference() throws Exception {
    harness.processElement2(REFERENCE, REFERENCE.finishedAt().toEpochMilli());
  }

  private void watermark(long millis) throws Exception {
    harness.processBothWatermarks(new Watermark(millis));
  }
}
