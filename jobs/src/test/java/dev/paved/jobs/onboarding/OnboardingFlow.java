package dev.paved.jobs.onboarding;

import dev.paved.jobs.delivery.ChangeLeadTime;
import dev.paved.jobs.delivery.DeliverySettings;
import dev.paved.jobs.delivery.FactTable;
import dev.paved.jobs.delivery.LeadTimeCalculator;
import dev.paved.jobs.delivery.LeadTimeState;
import dev.paved.jobs.delivery.Shipment;
import dev.paved.model.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The onboarding calculators wired the way the Flink job wires them, in memory and in arrival
 * order: lead-time facts feed developer onboarding, runs feed service bootstrap.
 */
final class OnboardingFlow {

  final DeliverySettings settings = DeliverySettings.DEFAULTS;
  final LeadTimeCalculator leadTimes = new LeadTimeCalculator(settings);
  final DeveloperOnboarding onboarding = new DeveloperOnboarding(settings);
  final BootstrapRuns runs = new BootstrapRuns(settings);
  final ServiceBootstrap bootstrap = new ServiceBootstrap(settings);

  final FactTable<MilestoneFact> milestones =
      new FactTable<>(MilestoneFact::id, MilestoneFact::version);
  final FactTable<BootstrapFact> bootstraps =
      new FactTable<>(BootstrapFact::id, BootstrapFact::version);

  final Map<String, LeadTimeState> byChange = new HashMap<>();
  final Map<String, OnboardingState> byDeveloper = new HashMap<>();
  final Map<String, BootstrapRunState> byRun = new HashMap<>();
  final Map<String, ServiceBootstrapState> byService = new HashMap<>();

  /** Sends events in this order; returns the milestone and bootstrap rows emitted. */
  List<Object> send(Event... events) {
    List<Object> emitted = new ArrayList<>();
    for (Event event : events) {
      switch (event.type()) {
        case DEVELOPER ->
            onboarding.onDeveloper(developer(event.actor()), event).forEach(f -> emit(f, emitted));
        case CHANGE -> {
          var state =
              byChange.computeIfAbsent(LeadTimeCalculator.key(event), k -> new LeadTimeState());
          shipped(leadTimes.onChange(state, event), emitted);
          onboarding.onChange(developer(event.actor()), event).forEach(f -> emit(f, emitted));
        }
        case DEPLOY -> {
          for (Shipment shipment : leadTimes.shipments(event)) {
            var state = byChange.computeIfAbsent(shipment.key(), k -> new LeadTimeState());
            shipped(leadTimes.onShipment(state, shipment), emitted);
          }
          var state = byService.computeIfAbsent(event.service(), k -> new ServiceBootstrapState());
          bootstrap.onDeploy(state, event).forEach(f -> emit(f, emitted));
        }
        case USAGE -> {
          if (BootstrapRuns.isBootstrapEvent(event)) {
            var runState =
                byRun.computeIfAbsent(BootstrapRuns.key(event), k -> new BootstrapRunState());
            for (BootstrapRun run : runs.onUsage(runState, event)) {
              var state =
                  byService.computeIfAbsent(run.service(), k -> new ServiceBootstrapState());
              bootstrap.onRun(state, run).forEach(f -> emit(f, emitted));
            }
          }
        }
        default -> throw new IllegalArgumentException("not an onboarding event: " + event);
      }
    }
    return emitted;
  }

  MilestoneFact row(String actor, Milestone milestone) {
    return milestones.row(MilestoneFact.idOf(actor, milestone));
  }

  private void shipped(List<ChangeLeadTime> facts, List<Object> emitted) {
    for (ChangeLeadTime fact : facts) {
      if (fact.actor() != null) {
        onboarding.onShipped(developer(fact.actor()), fact).forEach(f -> emit(f, emitted));
      }
    }
  }

  private OnboardingState developer(String actor) {
    return byDeveloper.computeIfAbsent(actor, k -> new OnboardingState());
  }

  private void emit(Object fact, List<Object> emitted) {
    if (fact instanceof MilestoneFact milestone) {
      milestones.write(milestone);
    } else {
      bootstraps.write((BootstrapFact) fact);
    }
    emitted.add(fact);
  }
}
