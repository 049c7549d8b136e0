package dev.paved.jobs.delivery;

import dev.paved.model.Deploy;
import dev.paved.model.Event;
import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Deploy facts (metrics.md, section 1: deployment frequency, change failure rate): one {@link
 * DeployFact} per deploy, with whether it failed and whether an incident is attributed to it.
 *
 * <p><b>Keyed by {@code deploy_id}</b> ({@link #key}). Inputs: the deploy's events ({@link
 * #onDeploy}) and {@link Attribution}s from {@link RecoveryTime} (explicit) and {@link
 * ChangeFailureAttribution} (inferred) ({@link #onAttribution}). Keying by deploy rather than
 * service lets an incident name a deploy of another service, or name no service at all.
 * Attributions that arrive before the deploy are kept; the fact appears with the deploy's first
 * event. Explicit and inferred attributions of one incident are separate entries, so a withdrawal
 * of one never removes the other.
 *
 * <p>State lives until {@link DeliverySettings#horizon()} after the deploy finished, so an incident
 * naming it up to 180 days later still marks it, and at least {@link DeliverySettings#lateness()}
 * after the latest input; attributions for a deploy whose event never arrives are dropped after
 * that.
 */
public final class DeployOutcomes implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Comparator<DeployReport> EARLIEST_FIRST =
      Comparator.comparing(DeployReport::time).thenComparing(DeployReport::eventId);

  private final DeliverySettings settings;

  public DeployOutcomes(DeliverySettings settings) {
    this.settings = Objects.requireNonNull(settings);
  }

  public static String key(Event deploy) {
    return ((Deploy) deploy.body()).deployId();
  }

  /** Absorbs an event of the key's deploy; returns its fact when that changed. */
  public List<DeployFact> onDeploy(DeployOutcomeState state, Event deploy) {
    if (state.reports.stream().anyMatch(report -> report.eventId().equals(deploy.id()))) {
      return List.of();
    }
    DeployFact before = derive(state);
    DeployReport report = DeployReport.of(deploy);
    state.deployId = report.deployId();
    state.reports.add(report);
    return absorbed(state, deploy.time(), before);
  }

  /** Absorbs an attribution to the key's deploy; returns its fact when that changed. */
  public List<DeployFact> onAttribution(DeployOutcomeState state, Attribution attribution) {
    DeployFact before = derive(state);
    IncidentCause cause = new IncidentCause(attribution.incidentId(), attribution.inferred());
    state.deployId = attribution.deployId();
    state.causes.remove(cause);
    if (!attribution.withdrawn()) {
      state.causes.add(cause);
    }
    return absorbed(state, attribution.at(), before);
  }

  /** When the key's state may be dropped: see the class comment. */
  public Instant expiry(DeployOutcomeState state) {
    Instant afterLatest = state.clock.plus(settings.lateness());
    if (state.reports.isEmpty()) {
      return afterLatest;
    }
    Instant horizon =
        state.reports.stream().min(EARLIEST_FIRST).get().time().plus(settings.horizon());
    return horizon.isAfter(afterLatest) ? horizon : afterLatest;
  }

  private List<DeployFact> absorbed(
      DeployOutcomeState state, Instant eventTime, DeployFact before) {
    state.clock = state.clock == null || eventTime.isAfter(state.clock) ? eventTime : state.clock;
    DeployFact after = derive(state);
    long version = FactVersion.of(state.clock, state.reports.size() + state.causes.size());
    if (after == null || (after.equals(before) && version <= state.version)) {
      return List.of();
    }
    state.version = FactVersion.next(state.version, version);
    return List.of(after.withVersion(state.version));
  }

  /** The fact the state amounts to, with version 0; null until a deploy event is known. */
  private DeployFact derive(DeployOutcomeState state) {
    if (state.reports.isEmpty()) {
      return null;
    }
    List<DeployReport> reports = state.reports.stream().sorted(EARLIEST_FIRST).toList();
    DeployReport earliest = reports.get(0);
    Deploy.Status status = reports.get(reports.size() - 1).status();
    String team =
        reports.stream().map(DeployReport::team).filter(Objects::nonNull).findFirst().orElse(null);
    boolean caused = !state.causes.isEmpty();
    return new DeployFact(
        DeployFact.idOf(state.deployId),
        state.deployId,
        earliest.service(),
        team,
        earliest.environment(),
        settings.isProduction(earliest.environment()),
        status,
        earliest.time(),
        status != Deploy.Status.SUCCESS,
        caused,
        caused && state.causes.stream().allMatch(IncidentCause::inferred),
        0);
  }
}
