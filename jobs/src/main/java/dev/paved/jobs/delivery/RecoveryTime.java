package dev.paved.jobs.delivery;

import dev.paved.model.Event;
import dev.paved.model.Incident;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Failed deployment recovery time (metrics.md, section 1): for each incident, its {@code resolved}
 * time minus its {@code opened} time; open incidents are listed with their age. Emits {@link
 * IncidentFact}s, and the {@link Attribution}s of the deploy each incident names.
 *
 * <p><b>Keyed by {@code incident_id}</b> ({@link #key}); {@link #onIncident} takes each incident
 * event with the key's {@link IncidentState}. The state keeps every event, so any arrival order
 * gives the same fact:
 *
 * <ul>
 *   <li>A {@code resolved} event that arrives before its {@code opened} is kept; the fact appears
 *       when the {@code opened} arrives. An incident whose {@code opened} never arrives has no
 *       fact.
 *   <li>Reopening is not in the contract; an {@code opened} after a {@code resolved} (in event
 *       time) makes the incident open again: {@code resolved_at} is null until a later {@code
 *       resolved}, and {@code opened_at} stays the first opening, so the recovery time covers the
 *       whole incident.
 *   <li>Duplicates (an event id already absorbed) change nothing.
 * </ul>
 *
 * <p>State lives until {@link DeliverySettings#lateness()} after the latest event it absorbed, and
 * while the incident is open at least {@link DeliverySettings#horizon()} after its opening. A
 * resolution arriving after that has no {@code opened} to pair with, and the incident stays listed
 * as open; a reopening after that starts a new fact with the same id, opened at the reopening.
 */
public final class RecoveryTime implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Comparator<IncidentReport> EARLIEST_FIRST =
      Comparator.comparing(IncidentReport::time).thenComparing(IncidentReport::eventId);

  private final DeliverySettings settings;

  public RecoveryTime(DeliverySettings settings) {
    this.settings = Objects.requireNonNull(settings);
  }

  public static String key(Event incident) {
    return ((Incident) incident.body()).incidentId();
  }

  /**
   * Absorbs an event of the key's incident; returns its fact when that changed, and the withdrawal
   * and new attribution when the deploy it names changed.
   */
  public IncidentUpdate onIncident(IncidentState state, Event incident) {
    Incident body = (Incident) incident.body();
    if (state.reports.stream().anyMatch(report -> report.eventId().equals(incident.id()))) {
      return IncidentUpdate.NONE;
    }
    IncidentFact before = derive(state);
    String causeBefore = cause(state);
    state.incidentId = body.incidentId();
    state.reports.add(
        new IncidentReport(
            incident.id(),
            body.action(),
            incident.time(),
            incident.service(),
            incident.team(),
            body.causedByDeploy(),
            body.severity()));
    state.clock =
        state.clock == null || incident.time().isAfter(state.clock) ? incident.time() : state.clock;

    List<IncidentFact> facts = new ArrayList<>();
    IncidentFact after = derive(state);
    long version = FactVersion.of(state.clock, state.reports.size());
    if (after != null && (!after.equals(before) || version > state.version)) {
      state.version = FactVersion.next(state.version, version);
      facts.add(after.withVersion(state.version));
    }
    List<Attribution> attributions = new ArrayList<>();
    String causeAfter = cause(state);
    if (!Objects.equals(causeBefore, causeAfter)) {
      if (causeBefore != null) {
        attributions.add(
            new Attribution(causeBefore, body.incidentId(), false, true, incident.time()));
      }
      if (causeAfter != null) {
        attributions.add(
            new Attribution(causeAfter, body.incidentId(), false, false, incident.time()));
      }
    }
    return new IncidentUpdate(facts, attributions);
  }

  /** When the key's state may be dropped: see the class comment. */
  public Instant expiry(IncidentState state) {
    Instant afterLatest = state.clock.plus(settings.lateness());
    IncidentFact fact = derive(state);
    if (fact == null || fact.resolvedAt() != null) {
      return afterLatest;
    }
    Instant horizon = fact.openedAt().plus(settings.horizon());
    return horizon.isAfter(afterLatest) ? horizon : afterLatest;
  }

  /** The fact the state amounts to, with version 0; null until an {@code opened} is known. */
  private static IncidentFact derive(IncidentState state) {
    List<IncidentReport> opened = reports(state, Incident.Action.OPENED);
    if (opened.isEmpty()) {
      return null;
    }
    List<IncidentReport> resolved = reports(state, Incident.Action.RESOLVED);
    Instant openedAt = opened.get(0).time();
    Instant lastOpened = opened.get(opened.size() - 1).time();
    Instant lastResolved = resolved.isEmpty() ? null : resolved.get(resolved.size() - 1).time();
    Instant resolvedAt =
        lastResolved != null && !lastResolved.isBefore(lastOpened) ? lastResolved : null;
    // Where an incident is comes from its opening; resolutions only fill what the openings lack.
    List<IncidentReport> openingsFirst =
        Stream.concat(opened.stream(), resolved.stream().sorted(EARLIEST_FIRST.reversed()))
            .toList();
    return new IncidentFact(
        IncidentFact.idOf(state.incidentId),
        state.incidentId,
        first(openingsFirst, IncidentReport::service),
        first(openingsFirst, IncidentReport::team),
        openedAt,
        resolvedAt,
        Seconds.betweenOrNull(openedAt, resolvedAt),
        cause(state),
        first(latestFirst(state), IncidentReport::severity),
        0);
  }

  /** The deploy the incident names: later knowledge (a resolution's root cause) wins. */
  private static String cause(IncidentState state) {
    return first(latestFirst(state), IncidentReport::causedByDeploy);
  }

  private static List<IncidentReport> reports(IncidentState state, Incident.Action action) {
    return state.reports.stream()
        .filter(report -> report.action() == action)
        .sorted(EARLIEST_FIRST)
        .toList();
  }

  private static List<IncidentReport> latestFirst(IncidentState state) {
    return state.reports.stream().sorted(EARLIEST_FIRST.reversed()).toList();
  }

  private static <T> T first(List<IncidentReport> reports, Function<IncidentReport, T> field) {
    return reports.stream().map(field).filter(Objects::nonNull).findFirst().orElse(null);
  }
}
