package dev.paved.jobs.workflows;

import static dev.paved.jobs.workflows.WorkflowEvents.FEATURE;
import static dev.paved.jobs.workflows.WorkflowEvents.at;
import static dev.paved.jobs.workflows.WorkflowEvents.ticket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ticket join without Flink: one key (dev-1, env-provisioning). */
class TicketFollowUpsTest {

  private final TicketFollowUps followUps = new TicketFollowUps(WorkflowSettings.DEFAULTS);
  private final FollowUpState state = new FollowUpState();

  private static AttemptFact attempt(String runId, String lastEventAt, AttemptStatus status) {
    return attempt(runId, lastEventAt, status, 1);
  }

  private static AttemptFact attempt(
      String runId, String lastEventAt, AttemptStatus status, long version) {
    return new AttemptFact(
        AttemptFact.idOf(runId),
        runId,
        FEATURE,
        "search",
        "dev-1",
        at("2026-03-02T09:00:00Z"),
        at(lastEventAt),
        status,
        "configure-ci",
        2,
        1,
        version);
  }

  private static FollowUpFact single(List<FollowUpFact> facts) {
    assertEquals(1, facts.size(), facts.toString());
    return facts.get(0);
  }

  @Test
  void aTicketWithinFortyEightHoursOfTheLastEventPairsWithTheAbandonment() {
    // Last event 03-02 10:00; the window is [03-02 10:00, 03-04 10:00].
    followUps.onTicket(state, ticket("t-a", "2026-03-02T09:59:59Z", "T-0", "dev-1", FEATURE));
    followUps.onTicket(state, ticket("t-b", "2026-03-04T10:00:00Z", "T-1", "dev-1", FEATURE));

    FollowUpFact fact =
        single(
            followUps.onAttempt(
                state, attempt("r-1", "2026-03-02T10:00:00Z", AttemptStatus.ABANDONED)));

    assertEquals("followup:r-1", fact.id());
    assertTrue(fact.abandoned());
    assertEquals("T-1", fact.ticketId(), "T-0 came a second before the last event");
    assertEquals(at("2026-03-04T10:00:00Z"), fact.ticketOpenedAt());
  }

  @Test
  void aTicketArrivingAfterTheAbandonmentUpdatesItsRowAndOneOutsideTheWindowDoesNot() {
    FollowUpFact first =
        single(
            followUps.onAttempt(
                state, attempt("r-1", "2026-03-02T10:00:00Z", AttemptStatus.ABANDONED)));
    assertNull(first.ticketId());

    assertEquals(
        List.of(),
        followUps.onTicket(state, ticket("t-1", "2026-03-04T10:00:01Z", "T-1", "dev-1", FEATURE)));
    FollowUpFact paired =
        single(
            followUps.onTicket(
                state, ticket("t-2", "2026-03-03T08:00:00Z", "T-2", "dev-1", FEATURE)));
    assertEquals("T-2", paired.ticketId());
    assertTrue(paired.version() > first.version());
  }

  @Test
  void aRevivedAttemptLosesItsTicket() {
    followUps.onTicket(state, ticket("t-1", "2026-03-02T12:00:00Z", "T-1", "dev-1", FEATURE));
    followUps.onAttempt(state, attempt("r-1", "2026-03-02T10:00:00Z", AttemptStatus.ABANDONED));

    FollowUpFact revived =
        single(
            followUps.onAttempt(state, attempt("r-1", "2026-03-03T16:00:00Z", AttemptStatus.OPEN)));

    assertFalse(revived.abandoned());
    assertNull(revived.ticketId());
    assertEquals(at("2026-03-03T16:00:00Z"), revived.lastEventAt());
    assertTrue(state.abandoned.isEmpty());
    assertTrue(state.emitted.isEmpty());
  }

  @Test
  void aDuplicateTicketChangesNothing() {
    followUps.onAttempt(state, attempt("r-1", "2026-03-02T10:00:00Z", AttemptStatus.ABANDONED));
    followUps.onTicket(state, ticket("t-1", "2026-03-02T12:00:00Z", "T-1", "dev-1", FEATURE));
    assertEquals(
        List.of(),
        followUps.onTicket(state, ticket("t-1", "2026-03-02T12:00:00Z", "T-1", "dev-1", FEATURE)));
  }

  @Test
  void entriesExpireAfterTheirWindowsPlusRetention() {
    followUps.onAttempt(state, attempt("r-1", "2026-03-02T10:00:00Z", AttemptStatus.ABANDONED));
    followUps.onTicket(state, ticket("t-1", "2026-03-10T12:00:00Z", "T-1", "dev-1", FEATURE));
    // The attempt: 03-02 10:00 + 48 h + 30 d = 04-03 10:00.
    // The ticket: 03-10 12:00 + 24 h + 30 d = 04-10 12:00.
    assertEquals(at("2026-04-03T10:00:00Z"), followUps.expiry(state));

    followUps.prune(state, at("2026-04-03T10:00:00Z"));
    assertTrue(state.abandoned.isEmpty());
    assertTrue(state.emitted.isEmpty());
    assertEquals(at("2026-04-10T12:00:00Z"), followUps.expiry(state));

    followUps.prune(state, at("2026-04-10T12:00:00Z"));
    assertNull(followUps.expiry(state));
  }

  @Test
  void theAbandonmentSupersedesTheOpenRowOfTheSameLastEventAfterTheStateWasCleared() {
    // The open attempt leaves nothing to keep: the operator clears the key (a fresh state).
    // 2026-03-02T10:00:00Z = 1,772,445,600 s; the attempt versions are that in microseconds.
    FollowUpFact first =
        single(
            followUps.onAttempt(
                new FollowUpState(),
                attempt(
                    "r-1", "2026-03-02T10:00:00Z", AttemptStatus.OPEN, 1_772_445_600_000_000L)));
    // The timer abandons it: same last event, the attempt's version bumped by one.
    FollowUpFact abandoned =
        single(
            followUps.onAttempt(
                new FollowUpState(),
                attempt(
                    "r-1",
                    "2026-03-02T10:00:00Z",
                    AttemptStatus.ABANDONED,
                    1_772_445_600_000_001L)));
    assertTrue(abandoned.version() > first.version(), first + " then " + abandoned);
  }
}
