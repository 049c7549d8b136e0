package dev.paved.jobs.voice;

import static dev.paved.jobs.voice.VoiceEvents.ticket;
import static dev.paved.model.Ticket.Action.OPENED;
import static dev.paved.model.Ticket.Action.REOPENED;
import static dev.paved.model.Ticket.Action.RESOLVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.model.Event;
import dev.paved.model.Ticket;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketLifecycleTest {
  static final Event OPEN =
      ticket(
          "t1",
          "2026-03-02T09:00:00Z",
          "PLAT-1",
          OPENED,
          "search",
          "dev-1",
          "ci",
          Ticket.Kind.REQUEST);
  static final Event RESOLVE =
      ticket("t2", "2026-03-02T11:00:00Z", "PLAT-1", RESOLVED, null, null, null, null);
  static final Event REOPEN =
      ticket("t3", "2026-03-03T09:00:00Z", "PLAT-1", REOPENED, null, null, null, null);
  static final Event RESOLVE_AGAIN =
      ticket("t4", "2026-03-03T10:00:00Z", "PLAT-1", RESOLVED, null, null, null, null);

  static TicketFact replay(List<Event> events) {
    TicketState state = new TicketState();
    TicketFact fact = null;
    for (Event event : events) {
      fact = TicketLifecycle.onTicket(state, event);
    }
    return fact;
  }

  @Test
  void resolvedReopenedAndResolvedAgainCountsFromOpeningToTheFinalResolution() {
    TicketFact fact = replay(List.of(OPEN, RESOLVE, REOPEN, RESOLVE_AGAIN));
    assertEquals("ticket:PLAT-1", fact.id());
    assertEquals("search", fact.team());
    assertEquals("ci", fact.feature());
    assertEquals("request", fact.kind());
    assertEquals(1, fact.reopens());
    // 03-02 09:00 -> 03-03 10:00 = 25 h = 90,000 s
    assertEquals(90_000.0, fact.resolutionSeconds());
  }

  @Test
  void reopenedAndNotYetResolvedIsOpen() {
    TicketFact fact = replay(List.of(OPEN, RESOLVE, REOPEN));
    assertNull(fact.resolvedAt());
    assertNull(fact.resolutionSeconds());
    assertEquals(1, fact.reopens());
  }

  @Test
  void anyOrderGivesTheSameTicketAndACopyIsCountedOnce() {
    TicketFact inOrder = replay(List.of(OPEN, RESOLVE, REOPEN, RESOLVE_AGAIN));
    TicketFact shuffled = replay(List.of(RESOLVE_AGAIN, REOPEN, OPEN, RESOLVE, REOPEN));
    assertEquals(inOrder.resolvedAt(), shuffled.resolvedAt());
    assertEquals(inOrder.reopens(), shuffled.reopens());
    assertEquals(inOrder.openedAt(), shuffled.openedAt());
    assertEquals("dev-1", shuffled.actor());
  }

  @Test
  void versionsIncreaseEvenForLateEvents() {
    TicketState state = new TicketState();
    long first = TicketLifecycle.onTicket(state, RESOLVE_AGAIN).version();
    long second = TicketLifecycle.onTicket(state, OPEN).version();
    assertTrue(second > first);
    assertEquals(Instant.parse("2027-03-03T10:00:00Z"), TicketLifecycle.expiry(state));
  }
}
