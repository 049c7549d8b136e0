package dev.paved.jobs.delivery;

import dev.paved.model.Deploy;
import dev.paved.model.Event;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Inferred change failures (metrics.md, section 1): an incident that names no deploy but names a
 * service is attributed to that service's last successful production deploy that finished before
 * the incident opened, if it finished within {@link DeliverySettings#attributionWindow()} (24
 * hours) of the opening: {@code opened_at - 24h <= finished_at < opened_at}; ties go to the larger
 * deploy id. Emits {@link Attribution}s marked inferred for {@link DeployOutcomes}.
 *
 * <p><b>Keyed by service.</b> Inputs: the service's deploy events ({@link #onDeploy}; events of
 * non-production deploys are ignored) and the {@link IncidentFact}s of {@link RecoveryTime} that
 * name the service ({@link #onIncident}). Every input re-derives the attribution of every incident
 * in the state and emits the differences (a withdrawal from the old deploy, an attribution to the
 * new), so a deploy arriving after the incident, a deploy later reported rolled back (a deploy's
 * status is its latest event's), or an incident later naming its cause all move the attribution.
 *
 * <p>State is bounded by the watermark, not by a per-key timer: {@link #expire} drops what no event
 * within {@link DeliverySettings#lateness()} can still change, deploys that finished more than
 * lateness + window before it and incidents opened more than lateness before it; {@link #expiry}
 * says when the next of them goes (null once the state is empty).
 */
public final class ChangeFailureAttribution implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Comparator<DeployReport> EARLIEST_FIRST =
      Comparator.comparing(DeployReport::time).thenComparing(DeployReport::eventId);

  private final DeliverySettings settings;

  public ChangeFailureAttribution(DeliverySettings settings) {
    this.settings = Objects.requireNonNull(settings);
  }

  /** Absorbs a deploy event of the key's service; returns the attributions that changed. */
  public List<Attribution> onDeploy(AttributionState state, Event deploy) {
    DeployReport report = DeployReport.of(deploy);
    if (!settings.isProduction(report.environment())
        || state.deploys.stream().anyMatch(known -> known.eventId().equals(report.eventId()))) {
      return List.of();
    }
    state.deploys.add(report);
    return reattribute(state, deploy.time());
  }

  /** Absorbs an incident fact of the key's service; returns the attributions that changed. */
  public List<Attribution> onIncident(AttributionState state, IncidentFact incident) {
    String inferred =
        state.incidents.stream()
            .filter(known -> known.incidentId().equals(incident.incidentId()))
            .map(WatchedIncident::inferredDeploy)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
    state.incidents.removeIf(known -> known.incidentId().equals(incident.incidentId()));
    state.incidents.add(
        new WatchedIncident(
            incident.incidentId(),
            incident.openedAt(),
            incident.causedByDeploy() != null,
            inferred));
    Instant at = incident.resolvedAt() != null ? incident.resolvedAt() : incident.openedAt();
    return reattribute(state, at);
  }

  /** Drops what can no longer change once the watermark has passed {@code watermark}. */
  public void expire(AttributionState state, Instant watermark) {
    Map<String, Instant> finished = finishedAt(state);
    state.deploys.removeIf(
        report -> !deployExpiry(finished.get(report.deployId())).isAfter(watermark));
    state.incidents.removeIf(
        incident -> !incident.openedAt().plus(settings.lateness()).isAfter(watermark));
  }

  /** When {@link #expire} next drops something; null when the state is empty. */
  public Instant expiry(AttributionState state) {
    return Stream.concat(
            finishedAt(state).values().stream().map(this::deployExpiry),
            state.incidents.stream().map(incident -> incident.openedAt().plus(settings.lateness())))
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  private Instant deployExpiry(Instant finishedAt) {
    return finishedAt.plus(settings.lateness()).plus(settings.attributionWindow());
  }

  private List<Attribution> reattribute(AttributionState state, Instant at) {
    Map<String, Instant> candidates = successfulDeploys(state);
    List<Attribution> changes = new ArrayList<>();
    List<WatchedIncident> incidents =
        state.incidents.stream().sorted(Comparator.comparing(WatchedIncident::incidentId)).toList();
    state.incidents.clear();
    for (WatchedIncident incident : incidents) {
      String target = incident.namesDeploy() ? null : lastDeployBefore(candidates, incident);
      String previous = incident.inferredDeploy();
      if (!Objects.equals(previous, target)) {
        if (previous != null) {
          changes.add(new Attribution(previous, incident.incidentId(), true, true, at));
        }
        if (target != null) {
          changes.add(new Attribution(target, incident.incidentId(), true, false, at));
        }
      }
      state.incidents.add(
          new WatchedIncident(
              incident.incidentId(), incident.openedAt(), incident.namesDeploy(), target));
    }
    return changes;
  }

  private String lastDeployBefore(Map<String, Instant> candidates, WatchedIncident incident) {
    Instant windowStart = incident.openedAt().minus(settings.attributionWindow());
    return candidates.entrySet().stream()
        .filter(deploy -> deploy.getValue().isBefore(incident.openedAt()))
        .filter(deploy -> !deploy.getValue().isBefore(windowStart))
        .max(
            Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  /** Finish time per deploy id: its earliest event's, as in {@link DeployFact}. */
  private static Map<String, Instant> finishedAt(AttributionState state) {
    Map<String, Instant> finished = new LinkedHashMap<>();
    state.deploys.stream()
        .sorted(EARLIEST_FIRST)
        .forEach(report -> finished.putIfAbsent(report.deployId(), report.time()));
    return finished;
  }

  /** Finish time per deploy id whose latest event reports success. */
  private static Map<String, Instant> successfulDeploys(AttributionState state) {
    Map<String, Deploy.Status> latestStatus = new LinkedHashMap<>();
    state.deploys.stream()
        .sorted(EARLIEST_FIRST)
        .forEach(report -> latestStatus.put(report.deployId(), report.status()));
    Map<String, Instant> successful = finishedAt(state);
    successful.keySet().removeIf(deployId -> latestStatus.get(deployId) != Deploy.Status.SUCCESS);
    return successful;
  }
}
