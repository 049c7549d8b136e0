package dev.paved.jobs.delivery;

import static dev.paved.jobs.delivery.Events.at;
import static dev.paved.jobs.delivery.Events.change;
import static dev.paved.jobs.delivery.Events.deploy;
import static dev.paved.jobs.delivery.Events.inline;
import static dev.paved.jobs.delivery.Events.inlineDeploy;
import static dev.paved.jobs.delivery.Events.listing;
import static dev.paved.jobs.delivery.Events.pullRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.model.Deploy;
import dev.paved.model.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadTimeCalculatorTest {

  private static final String ID = "change:payments:9f1c2ab";

  private final DeliveryFlow flow = new DeliveryFlow();

  @Test
  void changeThenDeploy() {
    flow.send(
        change("c-1", "2026-03-02T09:14:00Z", "payments", "9f1c2ab", "dev-41"),
        deploy("d-1", "2026-03-02T11:40:12Z", "payments", "7781", "9f1c2ab"));

    ChangeLeadTime fact = flow.changes.row(ID);
    assertEquals("7781", fact.deployId());
    assertEquals("dev-41", fact.actor());
    assertEquals("checkout", fact.team());
    assertEquals(at("2026-03-02T09:14:00Z"), fact.authoredAt());
    assertEquals(at("2026-03-02T11:40:12Z"), fact.deployedAt());
    // 09:14:00 -> 11:40:12 = 2 h 26 min 12 s = 7200 + 1560 + 12
    assertEquals(8772.0, fact.leadTimeSeconds());
  }

  @Test
  void deployBeforeItsChangeWaitsForIt() {
    List<Object> onDeploy =
        flow.send(deploy("d-1", "2026-03-02T11:40:12Z", "payments", "7781", "9f1c2ab"));
    assertTrue(onDeploy.stream().noneMatch(ChangeLeadTime.class::isInstance));

    flow.send(change("c-1", "2026-03-02T09:14:00Z", "payments", "9f1c2ab", "dev-41"));

    assertEquals(8772.0, flow.changes.row(ID).leadTimeSeconds()); // as in changeThenDeploy
  }

  @Test
  void changeShippedTwiceCountsOnceByItsFirstDeploy() {
    flow.send(
        change("c-1", "2026-03-02T09:14:00Z", "payments", "9f1c2ab", "dev-41"),
        deploy("d-1", "2026-03-02T11:40:12Z", "payments", "7781", "9f1c2ab"));

    ChangeLeadTime first = flow.changes.row(ID);

    List<Object> again =
        flow.send(deploy("d-2", "2026-03-03T10:00:00Z", "payments", "7790", "9f1c2ab"));

    // the same row again, only with the version of the grown state
    ChangeLeadTime reEmitted = DeliveryFlow.only(ChangeLeadTime.class, again).get(0);
    assertEquals(first.withVersion(0), reEmitted.withVersion(0));
    assertEquals(at("2026-03-03T10:00:00Z").toEpochMilli() * 1000 + 3, reEmitted.version());
    assertEquals(1, flow.changes.size());
    assertEquals("7781", flow.changes.row(ID).deployId());
  }

  @Test
  void failedDeployDoesNotShipButTheSuccessfulRetryDoes() {
    flow.send(
        change("c-1", "2026-03-02T09:14:00Z", "payments", "9f1c2ab", "dev-41"),
        deploy(
            "d-0",
            "2026-03-02T10:00:00Z",
            "payments",
            "7780",
            "production",
            Deploy.Status.FAILURE,
            "9f1c2ab"));
    assertNull(flow.changes.row(ID));

    flow.send(deploy("d-1", "2026-03-02T11:40:12Z", "payments", "7781", "9f1c2ab"));

    assertEquals("7781", flow.changes.row(ID).deployId());
    assertEquals(8772.0, flow.changes.row(ID).leadTimeSeconds()); // from the successful one
  }

  @Test
  void onlyProductionEnvironmentsShip() {
    flow.send(
        change("c-1", "2026-03-02T09:14:00Z", "payments", "9f1c2ab", "dev-41"),
        deploy(
            "d-s",
            "2026-03-02T10:00:00Z",
            "payments",
            "s-1",
            "staging",
            Deploy.Status.SUCCESS,
            "9f1c2ab"));
    assertNull(flow.changes.row(ID));

    flow.send(
        deploy(
            "d-p",
            "2026-03-02T12:14:00Z",
            "payments",
            "p-1",
            "prod",
            Deploy.Status.SUCCESS,
            "9f1c2ab"));

    // "prod" is in the default production set; 09:14 -> 12:14 = 3 h
    assertEquals(10800.0, flow.changes.row(ID).leadTimeSeconds());
  }

  @Test
  void inlineChangesCarryTheirOwnTimeAndAuthor() {
    flow.send(
        inlineDeploy(
            "d-1",
            "2026-03-02T09:30:00Z",
            "payments",
            "7781",
            inline("aa11", "2026-03-02T08:00:00.250Z", "dev-7"),
            inline("bb22", "2026-03-01T09:30:00Z", "dev-8")));

    ChangeLeadTime first = flow.changes.row("change:payments:aa11");
    assertEquals("dev-7", first.actor());
    assertEquals("checkout", first.team()); // the deploy's team: no change event names one
    // 08:00:00.250 -> 09:30:00 = 1 h 29 min 59.75 s = 3600 + 1740 + 59.75
    assertEquals(5399.75, first.leadTimeSeconds());
    // exactly one day
    assertEquals(86400.0, flow.changes.row("change:payments:bb22").leadTimeSeconds());
  }

  @Test
  void changeEventTimeWinsOverAnInlineDescription() {
    flow.send(
        inlineDeploy(
            "d-1",
            "2026-03-02T09:30:00Z",
            "payments",
            "7781",
            inline("aa11", "2026-03-02T08:00:00Z", "dev-7")));
    assertEquals(5400.0, flow.changes.row("change:payments:aa11").leadTimeSeconds()); // 1.5 h

    flow.send(change("c-1", "2026-03-02T07:30:00Z", "payments", "aa11", "dev-9"));

    ChangeLeadTime fact = flow.changes.row("change:payments:aa11");
    assertEquals(7200.0, fact.leadTimeSeconds()); // 07:30 -> 09:30 = 2 h
    assertEquals("dev-9", fact.actor());
  }

  @Test
  void lateEarlierDeployReEmitsTheFactWithIt() {
    List<Object> first =
        flow.send(
            deploy("d-2", "2026-03-04T12:00:00Z", "payments", "7790", "9f1c2ab"),
            change("c-1", "2026-03-02T09:14:00Z", "payments", "9f1c2ab", "dev-41"));
    ChangeLeadTime viaLater = DeliveryFlow.only(ChangeLeadTime.class, first).get(0);
    // 03-02 09:14 -> 03-04 12:00 = 2 d 2 h 46 min = 172800 + 7200 + 2760
    assertEquals(182760.0, viaLater.leadTimeSeconds());

    List<Object> late =
        flow.send(deploy("d-1", "2026-03-02T11:40:12Z", "payments", "7781", "9f1c2ab"));

    ChangeLeadTime viaEarlier = DeliveryFlow.only(ChangeLeadTime.class, late).get(0);
    assertEquals("7781", viaEarlier.deployId());
    assertEquals(8772.0, viaEarlier.leadTimeSeconds());
    // the clock stays at 03-04 12:00; the evidence grows from 2 inputs to 3
    assertEquals(at("2026-03-04T12:00:00Z").toEpochMilli() * 1000 + 2, viaLater.version());
    assertEquals(at("2026-03-04T12:00:00Z").toEpochMilli() * 1000 + 3, viaEarlier.version());
    assertEquals(viaEarlier, flow.changes.row(ID));
  }

  @Test
  void theSameInputsInAnotherOrderGiveTheSameVersion() {
    flow.send(
        change("c-1", "2026-03-02T09:14:00Z", "payments", "9f1c2ab", "dev-41"),
        deploy("d-1", "2026-03-02T11:40:12Z", "payments", "7781", "9f1c2ab"),
        deploy("d-2", "2026-03-04T12:00:00Z", "payments", "7790", "9f1c2ab"));
    DeliveryFlow reversed = new DeliveryFlow();
    reversed.send(
        deploy("d-2", "2026-03-04T12:00:00Z", "payments", "7790", "9f1c2ab"),
        deploy("d-1", "2026-03-02T11:40:12Z", "payments", "7781", "9f1c2ab"),
        change("c-1", "2026-03-02T09:14:00Z", "payments", "9f1c2ab", "dev-41"));

    // in order, d-2 changes no content but adds evidence, so the row is emitted again: both runs
    // end with the state's version, clock 03-04 12:00 and 3 inputs
    assertEquals(
        at("2026-03-04T12:00:00Z").toEpochMilli() * 1000 + 3, flow.changes.row(ID).version());
    assertEquals(flow.changes.row(ID), reversed.changes.row(ID));
  }

  @Test
  void versionIsTheEventClockInMicroseconds() {
    List<Object> emitted =
        flow.send(
            change("c-1", "2026-03-02T09:14:00Z", "payments", "9f1c2ab", "dev-41"),
            deploy("d-1", "2026-03-02T11:40:12Z", "payments", "7781", "9f1c2ab"));

    assertEquals(
        at("2026-03-02T11:40:12Z").toEpochMilli() * 1000 + 2, // two inputs: the change, the deploy
        DeliveryFlow.only(ChangeLeadTime.class, emitted).get(0).version());
  }

  @Test
  void duplicateEventsAreAbsorbedOnce() {
    flow.send(
        change("c-1", "2026-03-02T09:14:00Z", "payments", "9f1c2ab", "dev-41"),
        deploy("d-1", "2026-03-02T11:40:12Z", "payments", "7781", "9f1c2ab"));

    List<Object> duplicates =
        flow.send(
            change("c-1", "2026-03-02T09:14:00Z", "payments", "9f1c2ab", "dev-41"),
            deploy("d-1", "2026-03-02T11:40:12Z", "payments", "7781", "9f1c2ab"));

    assertTrue(duplicates.stream().noneMatch(ChangeLeadTime.class::isInstance));
    LeadTimeState state = flow.byChange.get(LeadTimeCalculator.key("payments", "9f1c2ab"));
    assertEquals(1, state.changes.size());
    assertEquals(1, state.shipments.size());
  }

  @Test
  void pullRequestTimesBreakTheLeadTimeDown() {
    flow.send(
        pullRequest(
            "c-1",
            "2026-03-02T09:00:00Z",
            "payments",
            "9f1c2ab",
            "dev-41",
            "2026-03-02T10:30:00Z",
            "2026-03-02T13:00:00Z",
            "2026-03-02T15:15:00Z"),
        deploy("d-1", "2026-03-02T16:00:30Z", "payments", "7781", "9f1c2ab"));

    ChangeLeadTime fact = flow.changes.row(ID);
    assertEquals(5400.0, fact.codingSeconds()); // 09:00 -> 10:30 = 1.5 h
    assertEquals(9000.0, fact.pickupSeconds()); // 10:30 -> 13:00 = 2.5 h
    assertEquals(8100.0, fact.reviewSeconds()); // 13:00 -> 15:15 = 2 h 15 min
    assertEquals(2730.0, fact.deploySeconds()); // 15:15 -> 16:00:30 = 45 min 30 s
    // 09:00 -> 16:00:30 = 7 h 30 s = 25230 = 5400 + 9000 + 8100 + 2730
    assertEquals(25230.0, fact.leadTimeSeconds());
  }

  @Test
  void laterChangeEventFillsInPullRequestTimes() {
    flow.send(
        pullRequest(
            "c-1",
            "2026-03-02T09:00:00Z",
            "payments",
            "9f1c2ab",
            "dev-41",
            "2026-03-02T10:30:00Z",
            null,
            null),
        deploy("d-1", "2026-03-02T16:00:30Z", "payments", "7781", "9f1c2ab"));
    ChangeLeadTime opened = flow.changes.row(ID);
    assertEquals(5400.0, opened.codingSeconds());
    assertNull(opened.pickupSeconds());
    assertNull(opened.reviewSeconds());
    assertNull(opened.deploySeconds());

    // the update is sent when the pull request is merged; its time is not the authoring time
    flow.send(
        pullRequest(
            "c-2",
            "2026-03-02T15:15:00Z",
            "payments",
            "9f1c2ab",
            "dev-41",
            "2026-03-02T10:30:00Z",
            "2026-03-02T13:00:00Z",
            "2026-03-02T15:15:00Z"));

    ChangeLeadTime merged = flow.changes.row(ID);
    assertEquals(at("2026-03-02T09:00:00Z"), merged.authoredAt()); // the earliest time stays
    assertEquals(9000.0, merged.pickupSeconds());
    assertEquals(8100.0, merged.reviewSeconds());
    assertEquals(2730.0, merged.deploySeconds());
    assertEquals(25230.0, merged.leadTimeSeconds());
  }

  @Test
  void stateExpiresAfterLatenessOrWhileUnshippedAfterTheHorizon() {
    LeadTimeCalculator calculator = flow.leadTimes;

    LeadTimeState waitingForChange = new LeadTimeState();
    calculator.onShipment(
        waitingForChange,
        calculator
            .shipments(deploy("d-1", "2026-03-02T11:40:12Z", "payments", "7781", "9f1c2ab"))
            .get(0));
    // the change event may come up to 7 days after the deploy
    assertEquals(at("2026-03-09T11:40:12Z"), calculator.expiry(waitingForChange));

    LeadTimeState waitingForDeploy = new LeadTimeState();
    calculator.onChange(
        waitingForDeploy, change("c-1", "2026-03-02T09:14:00Z", "payments", "9f1c2ab", "dev-41"));
    // 180 days after 2026-03-02 (29 days left in March, then 30+31+30+31+29 = 151): 2026-08-29
    assertEquals(at("2026-08-29T09:14:00Z"), calculator.expiry(waitingForDeploy));
  }

  /**
   * A squash-merged pull request, acme/pay#7: its first commit at 08:00, opened 09:00, first review
   * 10:30, squash-merged 12:00 as commit s7 (pushed, so s7 is a change of its own), and the deploy
   * at 14:00 names only s7. Its events in the order the webhooks send them.
   */
  private static final List<Event> SQUASH_MERGE =
      List.of(
          listing(
              pullRequest(
                  "pr-7-opened",
                  "2026-03-05T08:00:00Z",
                  "payments",
                  "acme/pay#7",
                  "dev-41",
                  "2026-03-05T09:00:00Z",
                  null,
                  null),
              "b71"),
          pullRequest(
              "pr-7-review",
              "2026-03-05T10:30:00Z",
              "payments",
              "acme/pay#7",
              "dev-41",
              null,
              "2026-03-05T10:30:00Z",
              null),
          change("c-s7", "2026-03-05T12:00:00Z", "payments", "s7", "dev-41"),
          deploy("d-8", "2026-03-05T14:00:00Z", "payments", "7796", "s7"),
          // the merged delivery reaches Paved after the deploy's: the gap commit_ids close
          listing(
              pullRequest(
                  "pr-7-merged",
                  "2026-03-05T12:00:00Z",
                  "payments",
                  "acme/pay#7",
                  "dev-41",
                  null,
                  null,
                  "2026-03-05T12:00:00Z"),
              "b71",
              "s7"));

  @Test
  void aDeployNamingTheSquashCommitShipsThePullRequestOnce() {
    List<Object> beforeMerged = flow.send(SQUASH_MERGE.subList(0, 4).toArray(Event[]::new));
    // before the merged event nothing lists s7: it ships as a change of its own, 14:00 - 12:00
    ChangeLeadTime alone = DeliveryFlow.only(ChangeLeadTime.class, beforeMerged).get(0);
    assertEquals("change:payments:s7", alone.id());
    assertEquals(7200.0, alone.leadTimeSeconds());
    assertNull(alone.supersededBy());

    flow.send(SQUASH_MERGE.get(4));

    ChangeLeadTime pr = flow.changes.row("change:payments:acme/pay#7");
    assertEquals("7796", pr.deployId());
    assertEquals(at("2026-03-05T08:00:00Z"), pr.authoredAt());
    assertEquals(21600.0, pr.leadTimeSeconds()); // 08:00 -> 14:00 = 6 h
    assertEquals(3600.0, pr.codingSeconds()); // 08:00 -> opened 09:00
    assertEquals(5400.0, pr.pickupSeconds()); // -> first review 10:30
    assertEquals(5400.0, pr.reviewSeconds()); // -> merged 12:00
    assertEquals(7200.0, pr.deploySeconds()); // -> deployed 14:00; 3600 + 2 x 5400 + 7200 = 21600
    assertNull(pr.supersededBy());

    ChangeLeadTime squash = flow.changes.row("change:payments:s7");
    assertEquals("acme/pay#7", squash.supersededBy(), "the same work: counted as the PR only");
    assertEquals(7200.0, squash.leadTimeSeconds());
    assertTrue(squash.version() > alone.version(), "the superseded row replaces the counted one");
    assertEquals(2, flow.changes.size(), "no row for the branch commit b71: nothing named it");
  }

  @Test
  void theSquashMergeGivesTheSameRowsInEveryArrivalOrder() {
    flow.send(SQUASH_MERGE.toArray(Event[]::new));
    List<List<Integer>> orders =
        List.of(List.of(4, 1, 0, 2, 3), List.of(3, 4, 2, 1, 0), List.of(2, 3, 0, 4, 1));
    for (List<Integer> order : orders) {
      DeliveryFlow other = new DeliveryFlow();
      other.send(order.stream().map(SQUASH_MERGE::get).toArray(Event[]::new));
      for (String id : List.of("change:payments:acme/pay#7", "change:payments:s7")) {
        assertEquals(flow.changes.row(id), other.changes.row(id), id + " in order " + order);
      }
    }
    // the PR's key: 3 change events and the deploy, clock 14:00; the commit's: its change event,
    // the deploy and the claim
    long clock = at("2026-03-05T14:00:00Z").toEpochMilli() * 1000;
    assertEquals(clock + 4, flow.changes.row("change:payments:acme/pay#7").version());
    assertEquals(clock + 3, flow.changes.row("change:payments:s7").version());
  }

  @Test
  void aMergeCommitThatIsNoChangeOfItsOwnShipsOnlyThePullRequest() {
    flow.send(
        listing(
            pullRequest(
                "pr-8-merged",
                "2026-03-05T10:00:00Z",
                "payments",
                "acme/pay#8",
                "dev-42",
                "2026-03-05T11:00:00Z",
                "2026-03-05T12:00:00Z",
                "2026-03-05T13:00:00Z"),
            "m8"),
        deploy("d-9", "2026-03-05T15:30:00Z", "payments", "7797", "m8"));

    assertEquals(1, flow.changes.size(), "m8 has no change event: no row of its own");
    ChangeLeadTime pr = flow.changes.row("change:payments:acme/pay#8");
    assertEquals(19800.0, pr.leadTimeSeconds()); // 10:00 -> 15:30 = 5.5 h
    assertEquals(9000.0, pr.deploySeconds()); // merged 13:00 -> 15:30
  }
}
