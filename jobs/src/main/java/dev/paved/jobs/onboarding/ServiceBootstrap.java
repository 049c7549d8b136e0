package dev.paved.jobs.onboarding;

import dev.paved.jobs.delivery.DeliverySettings;
import dev.paved.jobs.delivery.DeployReport;
import dev.paved.jobs.delivery.FactVersion;
import dev.paved.jobs.delivery.Seconds;
import dev.paved.model.Deploy;
import dev.paved.model.Event;
import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Service bootstrap time (metrics.md, section 2, "idea to running service"): from a {@code usage}
 * event with {@code feature = service-template, action = started} to the first successful
 * production deploy of the service named in its {@code attributes.service}, or to the run's
 * completion when no deploy follows. Emits one {@link BootstrapFact} per service.
 *
 * <p><b>Keyed by service.</b> Inputs: {@link BootstrapRun}s from {@link BootstrapRuns} ({@link
 * #onRun}) and the service's deploy events ({@link #onDeploy}; only successful production ones
 * count, as for lead time). Decisions:
 *
 * <ul>
 *   <li>One row per service, not per run: the idea starts with the service's earliest run, and a
 *       retry after an abandoned run does not restart the clock.
 *   <li>The deploy must finish at or after that start; earlier deploys belong to a service that
 *       already existed.
 *   <li>Without such a deploy the row ends at the earliest completion of any of its runs, flagged
 *       {@code completed_without_deploy}; a deploy arriving later (within {@link
 *       DeliverySettings#horizon()}) ends it instead.
 * </ul>
 *
 * <p>State lives {@link DeliverySettings#lateness()} after the latest input; while the row is not
 * ended by a deploy, at least {@link DeliverySettings#horizon()} after the start.
 */
public final class ServiceBootstrap implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Comparator<BootstrapRun> EARLIEST_RUN =
      Comparator.comparing(BootstrapRun::startedAt).thenComparing(BootstrapRun::runId);
  private static final Comparator<DeployReport> FIRST_DEPLOY =
      Comparator.comparing(DeployReport::time).thenComparing(DeployReport::deployId);

  private final DeliverySettings settings;

  public ServiceBootstrap(DeliverySettings settings) {
    this.settings = Objects.requireNonNull(settings);
  }

  /** Absorbs what is known of a run of the key's service; returns the fact when it changed. */
  public List<BootstrapFact> onRun(ServiceBootstrapState state, BootstrapRun run) {
    BootstrapFact before = derive(state);
    state.service = run.service();
    state.runs.removeIf(known -> known.runId().equals(run.runId()));
    state.runs.add(run);
    Instant time = run.completedAt() != null ? run.completedAt() : run.startedAt();
    return absorbed(state, time, before);
  }

  /** Absorbs a deploy event of the key's service; returns the fact when it changed. */
  public List<BootstrapFact> onDeploy(ServiceBootstrapState state, Event deploy) {
    DeployReport report = DeployReport.of(deploy);
    if (report.status() != Deploy.Status.SUCCESS
        || !settings.isProduction(report.environment())
        || state.deploys.stream().anyMatch(known -> known.eventId().equals(report.eventId()))) {
      return List.of();
    }
    BootstrapFact before = derive(state);
    state.service = report.service();
    state.deploys.add(report);
    return absorbed(state, report.time(), before);
  }

  /** When the key's state may be dropped: see the class comment. */
  public Instant expiry(ServiceBootstrapState state) {
    Instant afterLatest = state.clock.plus(settings.lateness());
    BootstrapFact fact = derive(state);
    if (fact == null || fact.deployId() != null) {
      return afterLatest;
    }
    Instant horizon = fact.startedAt().plus(settings.horizon());
    return horizon.isAfter(afterLatest) ? horizon : afterLatest;
  }

  private List<BootstrapFact> absorbed(
      ServiceBootstrapState state, Instant eventTime, BootstrapFact before) {
    state.clock = state.clock == null || eventTime.isAfter(state.clock) ? eventTime : state.clock;
    BootstrapFact after = derive(state);
    String ending = after == null ? null : after.deployId();
    Instant windowStart = state.clock.minus(settings.lateness());
    state.deploys.removeIf(
        deploy -> deploy.time().isBefore(windowStart) && !deploy.deployId().equals(ending));
    long version = FactVersion.of(state.clock, state.runs.size() + state.deploys.size());
    if (after == null || (after.equals(before) && version <= state.version)) {
      return List.of();
    }
    state.version = FactVersion.next(state.version, version);
    return List.of(after.withVersion(state.version));
  }

  /** The fact the state amounts to, with version 0; null until a run is known. */
  private static BootstrapFact derive(ServiceBootstrapState state) {
    if (state.runs.isEmpty()) {
      return null;
    }
    BootstrapRun start = state.runs.stream().min(EARLIEST_RUN).get();
    DeployReport deploy =
        state.deploys.stream()
            .filter(report -> !report.time().isBefore(start.startedAt()))
            .min(FIRST_DEPLOY)
            .orElse(null);
    Instant completed =
        state.runs.stream()
            .map(BootstrapRun::completedAt)
            .filter(Objects::nonNull)
            .filter(time -> !time.isBefore(start.startedAt()))
            .min(Comparator.naturalOrder())
            .orElse(null);
    Instant endedAt = deploy != null ? deploy.time() : completed;
    return new BootstrapFact(
        BootstrapFact.idOf(state.service),
        state.service,
        start.team(),
        start.actor(),
        start.runId(),
        start.startedAt(),
        endedAt,
        deploy == null ? null : deploy.deployId(),
        deploy == null && completed != null,
        Seconds.betweenOrNull(start.startedAt(), endedAt),
        0);
  }
}
