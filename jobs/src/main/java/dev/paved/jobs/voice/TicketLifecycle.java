package dev.paved.jobs.voice;

import dev.paved.jobs.delivery.FactVersion;
import dev.paved.model.Event;
import dev.paved.model.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * A ticket's current row from its events in any order: opened, resolved, reopened and resolved
 * again. Events are replayed in time order (ties by event id): {@code resolved} sets the
 * resolution, {@code reopened} counts a reopening and clears it, so the time to resolution runs
 * from the opening to the final resolution, reopened spells included.
 */
public final class TicketLifecycle {
  /** How long a ticket's events are kept after its latest one. */
  public static final Duration RETENTION = Duration.ofDays(365);

  private static final Comparator<TicketReport> ORDER =
      Comparator.<TicketReport>comparingLong(r -> r.time).thenComparing(r -> r.eventId);

  private TicketLifecycle() {}

  /** {@code ticket:<ticket_id>}. */
  public static String key(Event event) {
    return ((Ticket) event.body()).ticketId();
  }

  /** Absorbs {@code event} into {@code state} and returns the ticket's fact as it now stands. */
  public static TicketFact onTicket(TicketState state, Event event) {
    Ticket ticket = (Ticket) event.body();
    state.ticketId = ticket.ticketId();
    if (state.reports.stream().noneMatch(r -> r.eventId.equals(event.id()))) {
      TicketReport report = new TicketReport();
      report.eventId = event.id();
      report.time = event.time().toEpochMilli();
      report.action = ticket.action().wireName();
      report.team = event.team();
      report.actor = event.actor();
      report.feature = ticket.feature();
      report.priority = ticket.priority();
      report.kind = ticket.kind() == null ? null : ticket.kind().wireName();
      state.reports.add(report);
      state.reports.sort(ORDER);
    }
    state.clock =
        state.clock == null || event.time().isAfter(state.clock) ? event.time() : state.clock;
    state.version = FactVersion.next(state.version, state.clock);
    return fact(state);
  }

  /** When {@code state} may be dropped: {@link #RETENTION} after its latest event. */
  public static Instant expiry(TicketState state) {
    return state.clock.plus(RETENTION);
  }

  static TicketFact fact(TicketState state) {
    List<TicketReport> reports = state.reports;
    Long opened = null;
    Long resolved = null;
    int reopens = 0;
    for (TicketReport report : reports) {
      switch (report.action) {
        case "opened" -> opened = opened == null ? report.time : opened;
        case "resolved" -> resolved = report.time;
        case "reopened" -> {
          reopens++;
          resolved = null;
        }
        default -> throw new IllegalStateException("unknown ticket action " + report.action);
      }
    }
    long start = opened == null ? reports.get(0).time : opened;
    return new TicketFact(
        "ticket:" + state.ticketId,
        state.ticketId,
        first(reports, r -> r.team),
        first(reports, r -> r.actor),
        first(reports, r -> r.feature),
        first(reports, r -> r.priority),
        first(reports, r -> r.kind),
        Instant.ofEpochMilli(start),
        resolved == null ? null : Instant.ofEpochMilli(Math.max(resolved, start)),
        reopens,
        state.version);
  }

  private static String first(List<TicketReport> reports, Function<TicketReport, String> field) {
    return reports.stream().map(field).filter(v -> v != null).findFirst().orElse(null);
  }
}
