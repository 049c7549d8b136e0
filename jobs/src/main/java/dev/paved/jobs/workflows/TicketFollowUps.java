package dev.paved.jobs.workflows;

import dev.paved.jobs.delivery.FactVersion;
import dev.paved.model.Event;
import dev.paved.model.Ticket;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * "How many of the abandoning developers opened a ticket on the same feature within 48 hours"
 * (metrics.md, section 3): an event-time join of abandoned attempts ({@link AttemptFact}s from
 * {@link WorkflowAttempts}) and {@code ticket} {@code opened} events, keyed by actor and feature.
 *
 * <p>The window is anchored at the attempt's <b>last event</b>, where the developer gave up: a
 * ticket counts when {@code last_event_at <= opened_at <= last_event_at + ticketWindow}. (The
 * abandonment itself is only known {@code inactivity} later; a ticket opened in between is the
 * clearest sign of a developer who got stuck.) Either side may arrive first.
 *
 * <p>Every attempt fact with an actor writes its follow-up row (see {@link FollowUpFact}); only the
 * abandoned ones are kept to pair with tickets.
 *
 * <p>State: an abandoned attempt is kept {@code ticketWindow + retention} after its last event; a
 * ticket {@code inactivity + retention} after its opening (the latest an abandonment it can pair
 * with is declared, plus lateness). The operator's one timer is the earliest of these; at it the
 * expired entries are pruned.
 */
public final class TicketFollowUps implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Comparator<OpenedTicket> EARLIEST =
      Comparator.comparing(OpenedTicket::openedAt).thenComparing(OpenedTicket::ticketId);

  private final WorkflowSettings settings;

  public TicketFollowUps(WorkflowSettings settings) {
    this.settings = Objects.requireNonNull(settings);
  }

  /** Whether the event opens a ticket that names its requester and feature. */
  public static boolean isOpenedTicket(Event event) {
    return event.body() instanceof Ticket ticket
        && ticket.action() == Ticket.Action.OPENED
        && ticket.feature() != null
        && event.actor() != null;
  }

  public static String key(String actor, String feature) {
    return actor + "\u0000" + feature;
  }

  public static String keyOfTicket(Event ticket) {
    return key(ticket.actor(), ((Ticket) ticket.body()).feature());
  }

  /** The key of an attempt; null when it has no actor (it cannot pair with a ticket). */
  public static String keyOfAttempt(AttemptFact attempt) {
    return attempt.actor() == null ? null : key(attempt.actor(), attempt.feature());
  }

  /** Absorbs the newest fact of an attempt of the key; returns its follow-up when it changed. */
  public List<FollowUpFact> onAttempt(FollowUpState state, AttemptFact attempt) {
    state.abandoned.removeIf(known -> known.runId().equals(attempt.runId()));
    advance(state, attempt.lastEventAt());
    if (attempt.status() == AttemptStatus.ABANDONED) {
      state.abandoned.add(attempt);
      return emit(state, List.of(followUp(state, attempt)), attempt.version());
    }
    // Not (or no longer: revived) abandoned: no ticket, and nothing to keep for the run.
    List<FollowUpFact> written = emit(state, List.of(notAbandoned(attempt)), attempt.version());
    state.emitted.removeIf(fact -> fact.runId().equals(attempt.runId()));
    return written;
  }

  /** Absorbs a ticket's {@code opened} event of the key; returns the follow-ups that changed. */
  public List<FollowUpFact> onTicket(FollowUpState state, Event ticket) {
    String ticketId = ((Ticket) ticket.body()).ticketId();
    if (state.tickets.stream().anyMatch(known -> known.ticketId().equals(ticketId))) {
      return List.of();
    }
    state.tickets.add(new OpenedTicket(ticketId, ticket.time()));
    advance(state, ticket.time());
    return emit(
        state, state.abandoned.stream().map(attempt -> followUp(state, attempt)).toList(), 0);
  }

  /** The earliest time an entry of the state expires; null when nothing is kept. */
  public Instant expiry(FollowUpState state) {
    return Stream.concat(
            state.abandoned.stream().map(this::expiryOf),
            state.tickets.stream().map(this::expiryOf))
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  /** Drops the entries expired at {@code time}. */
  public void prune(FollowUpState state, Instant time) {
    List<String> dropped = new ArrayList<>();
    state.abandoned.removeIf(
        attempt -> {
          boolean expired = !expiryOf(attempt).isAfter(time);
          if (expired) {
            dropped.add(attempt.runId());
          }
          return expired;
        });
    state.emitted.removeIf(fact -> dropped.contains(fact.runId()));
    state.tickets.removeIf(ticket -> !expiryOf(ticket).isAfter(time));
  }

  private Instant expiryOf(AttemptFact attempt) {
    return attempt.lastEventAt().plus(settings.ticketWindow()).plus(settings.retention());
  }

  private Instant expiryOf(OpenedTicket ticket) {
    return ticket.openedAt().plus(settings.inactivity()).plus(settings.retention());
  }

  private FollowUpFact followUp(FollowUpState state, AttemptFact attempt) {
    Instant from = attempt.lastEventAt();
    Instant to = from.plus(settings.ticketWindow());
    OpenedTicket ticket =
        state.tickets.stream()
            .filter(t -> !t.openedAt().isBefore(from) && !t.openedAt().isAfter(to))
            .min(EARLIEST)
            .orElse(null);
    return new FollowUpFact(
        FollowUpFact.idOf(attempt.runId()),
        attempt.runId(),
        attempt.feature(),
        attempt.actor(),
        from,
        true,
        ticket == null ? null : ticket.ticketId(),
        ticket == null ? null : ticket.openedAt(),
        0);
  }

  private static FollowUpFact notAbandoned(AttemptFact attempt) {
    return new FollowUpFact(
        FollowUpFact.idOf(attempt.runId()),
        attempt.runId(),
        attempt.feature(),
        attempt.actor(),
        attempt.lastEventAt(),
        false,
        null,
        null,
        0);
  }

  private static FollowUpFact emitted(FollowUpState state, String runId) {
    return state.emitted.stream()
        .filter(fact -> fact.runId().equals(runId))
        .findFirst()
        .orElse(null);
  }

  /**
   * The candidates that differ from what was emitted, versioned; remembers them. A version is at
   * least {@code floor}, the triggering attempt fact's version: those grow with every change of the
   * run, so a follow-up written after the key's state was cleared (e.g. an open attempt's, then its
   * abandonment's, both at the same last event) still supersedes the run's earlier one.
   */
  private static List<FollowUpFact> emit(
      FollowUpState state, List<FollowUpFact> candidates, long floor) {
    List<FollowUpFact> changed = new ArrayList<>();
    for (FollowUpFact candidate : candidates) {
      FollowUpFact previous = emitted(state, candidate.runId());
      if (candidate.equals(previous)) {
        continue;
      }
      state.emitted.remove(previous);
      state.emitted.add(candidate);
      state.version =
          Math.max(FactVersion.next(state.version, FactVersion.of(state.clock, 0)), floor);
      changed.add(candidate.withVersion(state.version));
    }
    return changed;
  }

  private static void advance(FollowUpState state, Instant time) {
    state.clock = state.clock == null || time.isAfter(state.clock) ? time : state.clock;
  }
}
