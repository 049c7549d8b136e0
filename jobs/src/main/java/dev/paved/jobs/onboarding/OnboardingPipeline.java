package dev.paved.jobs.onboarding;

import dev.paved.jobs.delivery.ChangeLeadTime;
import dev.paved.jobs.delivery.DeliverySettings;
import dev.paved.jobs.delivery.LeadTimeFunction;
import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.Pipeline;
import dev.paved.model.Event;
import dev.paved.model.EventType;
import dev.paved.model.Usage;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Onboarding (metrics.md, section 2) into {@code onboarding_milestones} and {@code
 * service_bootstraps}. The keyed steps, as {@code OnboardingFlow} (test sources) wires them:
 *
 * <pre>
 * changes + deploys → lead time by change (its own copy, uid onboarding-lead-time) ─┐
 * developer + change events ──────────────────────────→ onboarding by actor ←────────┘ → onboarding_milestones
 * service-template usage → runs by run_id → bootstrap by service ← deploy events      → service_bootstraps
 * </pre>
 *
 * <p>The lead-time step is the delivery pipeline's operator run a second time, so that each
 * pipeline stands alone; its state is duplicated (one entry per change).
 */
public final class OnboardingPipeline implements Pipeline {

  private final DeliverySettings settings;
  private final Sink<MilestoneRow> milestones;
  private final Sink<BootstrapRow> bootstraps;

  public OnboardingPipeline(
      DeliverySettings settings, Sink<MilestoneRow> milestones, Sink<BootstrapRow> bootstraps) {
    this.settings = settings;
    this.milestones = milestones;
    this.bootstraps = bootstraps;
  }

  @Override
  public String name() {
    return "onboarding";
  }

  @Override
  public void attach(DataStream<LoggedEvent> events) {
    DataStream<ChangeLeadTime> shipped =
        LeadTimeFunction.apply(events, settings, "onboarding-lead-time")
            .filter(fact -> fact.actor() != null)
            .uid("onboarding-shipped-by-author")
            .name("shipped changes with an author");
    events
        .filter(OnboardingPipeline::isDeveloperActivity)
        .uid("onboarding-developer-events")
        .name("developer and change events")
        .connect(shipped)
        .keyBy(event -> event.event().actor(), ChangeLeadTime::actor, Types.STRING)
        .process(new OnboardingFunction(settings), TypeInformation.of(MilestoneRow.class))
        .uid("onboarding-milestones")
        .name("onboarding per developer")
        .sinkTo(milestones)
        .uid("sink-" + MilestoneRow.TABLE)
        .name("ClickHouse " + MilestoneRow.TABLE);

    DataStream<BootstrapRun> runs =
        events
            .filter(OnboardingPipeline::isBootstrapRunEvent)
            .uid("onboarding-bootstrap-events")
            .name("service-template runs")
            .keyBy(event -> BootstrapRuns.key(event.event()), Types.STRING)
            .process(new BootstrapRunFunction(settings), TypeInformation.of(BootstrapRun.class))
            .uid("onboarding-bootstrap-runs")
            .name("bootstrap per run");
    runs.connect(
            events
                .filter(event -> event.type() == EventType.DEPLOY)
                .uid("onboarding-deploys")
                .name("deploy events"))
        .keyBy(BootstrapRun::service, event -> event.event().service(), Types.STRING)
        .process(new ServiceBootstrapFunction(settings), TypeInformation.of(BootstrapFact.class))
        .uid("onboarding-service-bootstrap")
        .name("bootstrap per service")
        .map(BootstrapRow::of, TypeInformation.of(BootstrapRow.class))
        .uid("onboarding-bootstrap-rows")
        .name("bootstrap rows")
        .sinkTo(bootstraps)
        .uid("sink-" + BootstrapRow.TABLE)
        .name("ClickHouse " + BootstrapRow.TABLE);
  }

  /** A developer event or an authored change: what {@link DeveloperOnboarding} reads. */
  private static boolean isDeveloperActivity(LoggedEvent logged) {
    return (logged.type() == EventType.DEVELOPER || logged.type() == EventType.CHANGE)
        && logged.event().actor() != null;
  }

  private static boolean isBootstrapRunEvent(LoggedEvent logged) {
    if (logged.type() != EventType.USAGE) {
      return false;
    }
    Event event = logged.event();
    return BootstrapRuns.isBootstrapEvent(event) && ((Usage) event.body()).runId() != null;
  }
}
