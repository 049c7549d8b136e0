package dev.paved.jobs.onboarding;

import static dev.paved.jobs.delivery.Events.at;
import static dev.paved.jobs.delivery.Events.change;
import static dev.paved.jobs.delivery.Events.deploy;
import static dev.paved.jobs.delivery.Events.developer;
import static dev.paved.jobs.delivery.Events.pullRequest;
import static dev.paved.jobs.onboarding.Milestone.FIRST_CHANGE;
import static dev.paved.jobs.onboarding.Milestone.FIRST_DEPLOY;
import static dev.paved.jobs.onboarding.Milestone.TENTH_CHANGE;
import static dev.paved.model.Developer.Action.JOINED;
import static dev.paved.model.Developer.Action.LEFT;
import static dev.paved.model.Developer.Action.MOVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.metrics.KaplanMeier.Observation;
import dev.paved.model.Event;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeveloperOnboardingTest {

  private static final String DEV = "dev-77";
  private static final Event JOIN = developer("j-1", "2026-01-10T09:00:00Z", DEV, JOINED, "search");

  private final OnboardingFlow flow = new OnboardingFlow();

  private static Event changeBy(String eventId, String time, String changeId) {
    return change(eventId, time, "search-api", changeId, DEV);
  }

  @Test
  void joiningWritesARowPerMilestone() {
    flow.send(JOIN);

    for (Milestone milestone : Milestone.values()) {
      MilestoneFact row = flow.row(DEV, milestone);
      assertEquals("search", row.team());
      assertEquals(at("2026-01-10T09:00:00Z"), row.joinedAt());
      assertEquals(LocalDate.parse("2026-01-01"), row.cohortMonth());
      assertNull(row.reachedAt());
    }
  }

  @Test
  void firstChangeAndFirstDeployAfterJoining() {
    flow.send(
        JOIN,
        changeBy("c-1", "2026-01-12T15:30:00Z", "a1"),
        deploy("d-1", "2026-01-13T10:00:00Z", "search-api", "7001", "a1"));

    Observation firstChange = flow.row(DEV, FIRST_CHANGE).observation(at("2026-02-01T00:00:00Z"));
    // 01-10 09:00 -> 01-12 15:30 = 2 d 6 h 30 min = 172800 + 23400
    assertEquals(new Observation(196200, true), firstChange);
    Observation firstDeploy = flow.row(DEV, FIRST_DEPLOY).observation(at("2026-02-01T00:00:00Z"));
    // 01-10 09:00 -> 01-13 10:00 = 3 d 1 h = 259200 + 3600
    assertEquals(new Observation(262800, true), firstDeploy);
    assertNull(flow.row(DEV, TENTH_CHANGE).reachedAt());
  }

  @Test
  void developerWhoNeverDeploysIsCensoredAtTheEventClock() {
    flow.send(JOIN, changeBy("c-1", "2026-01-12T15:30:00Z", "a1"));

    Observation firstDeploy = flow.row(DEV, FIRST_DEPLOY).observation(at("2026-02-01T00:00:00Z"));

    // 01-10 09:00 -> 02-01 00:00 = 21 d 15 h = 1814400 + 54000
    assertEquals(new Observation(1868400, false), firstDeploy);
  }

  @Test
  void tenthChangeCountsDistinctChangesInAnyOrder() {
    // changes on days 2..10 after the join at 12:00, newest first, and an update of one of them
    List<Event> events = new ArrayList<>(List.of(JOIN));
    for (int day = 10; day >= 2; day--) {
      String time = String.format("2026-01-%02dT12:00:00Z", 10 + day);
      events.add(changeBy("c-" + day, time, "ch-" + day));
    }
    events.add(
        pullRequest(
            "c-5-update",
            "2026-01-16T08:00:00Z",
            "search-api",
            "ch-5",
            DEV,
            "2026-01-15T13:00:00Z",
            null,
            null));
    flow.send(events.toArray(Event[]::new));
    assertNull(flow.row(DEV, TENTH_CHANGE).reachedAt()); // nine distinct changes

    flow.send(changeBy("c-1", "2026-01-11T12:00:00Z", "ch-1"));

    assertEquals(at("2026-01-11T12:00:00Z"), flow.row(DEV, FIRST_CHANGE).reachedAt());
    assertEquals(at("2026-01-20T12:00:00Z"), flow.row(DEV, TENTH_CHANGE).reachedAt());
    // 01-10 09:00 -> 01-20 12:00 = 10 d 3 h = 864000 + 10800
    assertEquals(
        874800.0,
        flow.row(DEV, TENTH_CHANGE).observation(at("2026-02-01T00:00:00Z")).durationSeconds());
    assertTrue(flow.byDeveloper.get(DEV).changes.size() <= 10);
  }

  @Test
  void changesAuthoredBeforeTheJoinDoNotCountEvenIfShippedAfter() {
    flow.send(
        changeBy("c-0", "2026-01-09T10:00:00Z", "a0"),
        JOIN,
        deploy("d-0", "2026-01-10T12:00:00Z", "search-api", "7000", "a0"));
    assertNull(flow.row(DEV, FIRST_CHANGE).reachedAt());
    assertNull(flow.row(DEV, FIRST_DEPLOY).reachedAt());

    flow.send(changeBy("c-1", "2026-01-11T08:00:00Z", "a1"));

    assertEquals(at("2026-01-11T08:00:00Z"), flow.row(DEV, FIRST_CHANGE).reachedAt());
  }

  @Test
  void joinArrivingAfterTheFirstChangesStillCountsThem() {
    flow.send(changeBy("c-1", "2026-01-12T15:30:00Z", "a1"));
    assertNull(flow.row(DEV, FIRST_CHANGE)); // no join, no rows

    flow.send(JOIN);

    assertEquals(at("2026-01-12T15:30:00Z"), flow.row(DEV, FIRST_CHANGE).reachedAt());
  }

  @Test
  void leavingEndsOnboardingAndCensorsAtTheLeave() {
    flow.send(
        JOIN,
        developer("l-1", "2026-01-20T09:00:00Z", DEV, LEFT, "search"),
        changeBy("c-1", "2026-01-25T10:00:00Z", "a1"));

    MilestoneFact firstChange = flow.row(DEV, FIRST_CHANGE);
    assertNull(firstChange.reachedAt());
    assertEquals(at("2026-01-20T09:00:00Z"), firstChange.leftAt());
    // censored at the leave, not at the clock: 01-10 09:00 -> 01-20 09:00 = 10 d
    assertEquals(
        new Observation(864000, false), firstChange.observation(at("2026-02-01T00:00:00Z")));
  }

  @Test
  void movingAndJoiningAgainChangeNothing() {
    flow.send(JOIN, changeBy("c-1", "2026-01-12T15:30:00Z", "a1"));
    MilestoneFact before = flow.row(DEV, FIRST_CHANGE);

    List<Object> emitted =
        flow.send(
            developer("m-1", "2026-01-15T09:00:00Z", DEV, MOVED, "payments"),
            developer("j-2", "2026-03-01T09:00:00Z", DEV, JOINED, "payments"),
            JOIN);

    // re-emitted only because the state's version grew; the content is the same
    assertFalse(emitted.isEmpty());
    assertEquals(before.withVersion(0), flow.row(DEV, FIRST_CHANGE).withVersion(0));
    assertTrue(flow.row(DEV, FIRST_CHANGE).version() > before.version());
    assertEquals("search", flow.row(DEV, FIRST_CHANGE).team());
    assertEquals(at("2026-01-10T09:00:00Z"), flow.row(DEV, FIRST_CHANGE).joinedAt());
  }
}
