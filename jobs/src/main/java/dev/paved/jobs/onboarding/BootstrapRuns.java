package dev.paved.jobs.onboarding;

import dev.paved.jobs.delivery.DeliverySettings;
import dev.paved.model.Event;
import dev.paved.model.Usage;
import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The first step of service bootstrap time: gathers each {@code service-template} run's {@code
 * started} and {@code completed} events into a {@link BootstrapRun}, because only the {@code
 * started} event is sure to name the service (in {@code attributes.service}) and {@link
 * ServiceBootstrap} is keyed by service.
 *
 * <p><b>Keyed by {@code run_id}.</b> The operator passes the events {@link #isBootstrapEvent}
 * accepts to {@link #onUsage}, which returns the run when what is known of it changed (nothing
 * until its {@code started} event names a service). Duplicates change nothing.
 *
 * <p>State lives {@link DeliverySettings#lateness()} after the latest event, and while the run has
 * not completed at least {@link DeliverySettings#horizon()} after it started.
 */
public final class BootstrapRuns implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The feature whose runs bootstrap a service. */
  public static final String FEATURE = "service-template";

  /** The attribute of a {@code started} event that names the service. */
  public static final String SERVICE_ATTRIBUTE = "service";

  private static final Comparator<UsageReport> EARLIEST_FIRST =
      Comparator.comparing(UsageReport::time).thenComparing(UsageReport::eventId);

  private final DeliverySettings settings;

  public BootstrapRuns(DeliverySettings settings) {
    this.settings = Objects.requireNonNull(settings);
  }

  /** Whether the event starts or completes a service-template run. */
  public static boolean isBootstrapEvent(Event event) {
    return event.body() instanceof Usage usage
        && FEATURE.equals(usage.feature())
        && (usage.action() == Usage.Action.STARTED || usage.action() == Usage.Action.COMPLETED);
  }

  public static String key(Event usage) {
    return ((Usage) usage.body()).runId();
  }

  /** Absorbs an event of the key's run; returns the run when what is known of it changed. */
  public List<BootstrapRun> onUsage(BootstrapRunState state, Event usage) {
    Usage body = (Usage) usage.body();
    if (state.reports.stream().anyMatch(known -> known.eventId().equals(usage.id()))) {
      return List.of();
    }
    BootstrapRun before = derive(state);
    Object service = usage.attributes().get(SERVICE_ATTRIBUTE);
    state.runId = body.runId();
    state.reports.add(
        new UsageReport(
            usage.id(),
            body.action(),
            usage.time(),
            service instanceof String name ? name : usage.service(),
            usage.actor(),
            usage.team()));
    state.clock =
        state.clock == null || usage.time().isAfter(state.clock) ? usage.time() : state.clock;
    BootstrapRun after = derive(state);
    return after == null || after.equals(before) ? List.of() : List.of(after);
  }

  /** When the key's state may be dropped: see the class comment. */
  public Instant expiry(BootstrapRunState state) {
    Instant afterLatest = state.clock.plus(settings.lateness());
    UsageReport started = first(state, Usage.Action.STARTED);
    if (started == null || first(state, Usage.Action.COMPLETED) != null) {
      return afterLatest;
    }
    Instant horizon = started.time().plus(settings.horizon());
    return horizon.isAfter(afterLatest) ? horizon : afterLatest;
  }

  private static BootstrapRun derive(BootstrapRunState state) {
    UsageReport started = first(state, Usage.Action.STARTED);
    if (started == null || started.service() == null) {
      return null;
    }
    UsageReport completed = first(state, Usage.Action.COMPLETED);
    return new BootstrapRun(
        state.runId,
        started.service(),
        started.actor(),
        started.team(),
        started.time(),
        completed == null ? null : completed.time());
  }

  private static UsageReport first(BootstrapRunState state, Usage.Action action) {
    return state.reports.stream()
        .filter(report -> report.action() == action)
        .min(EARLIEST_FIRST)
        .orElse(null);
  }
}
