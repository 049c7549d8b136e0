package dev.paved.jobs.delivery;

import dev.paved.model.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery calculators wired the way the Flink job wires them (keyed states, messages between
 * the keyed steps), in memory and in arrival order, writing to {@link FactTable}s.
 */
final class DeliveryFlow {

  final DeliverySettings settings = DeliverySettings.DEFAULTS;
  final LeadTimeCalculator leadTimes = new LeadTimeCalculator(settings);
  final CommitAliases aliases = new CommitAliases(settings);
  final RecoveryTime recovery = new RecoveryTime(settings);
  final ChangeFailureAttribution attribution = new ChangeFailureAttribution(settings);
  final DeployOutcomes outcomes = new DeployOutcomes(settings);

  final FactTable<ChangeLeadTime> changes =
      new FactTable<>(ChangeLeadTime::id, ChangeLeadTime::version);
  final FactTable<DeployFact> deploys = new FactTable<>(DeployFact::id, DeployFact::version);
  final FactTable<IncidentFact> incidents =
      new FactTable<>(IncidentFact::id, IncidentFact::version);

  final Map<String, LeadTimeState> byChange = new HashMap<>();
  final Map<String, CommitAliasState> bySha = new HashMap<>();
  final Map<String, IncidentState> byIncident = new HashMap<>();
  final Map<String, AttributionState> byService = new HashMap<>();
  final Map<String, DeployOutcomeState> byDeploy = new HashMap<>();

  /** Sends events in this order; returns every fact emitted, of any kind. */
  List<Object> send(Event... events) {
    List<Object> emitted = new ArrayList<>();
    for (Event event : events) {
      switch (event.type()) {
        case CHANGE -> {
          var state =
              byChange.computeIfAbsent(LeadTimeCalculator.key(event), k -> new LeadTimeState());
          leadTimes.onChange(state, event).forEach(fact -> write(changes, fact, emitted));
          for (CommitAlias alias : CommitAliases.aliases(event)) {
            var shaState = bySha.computeIfAbsent(alias.key(), k -> new CommitAliasState());
            ship(aliases.onAlias(shaState, alias), emitted);
          }
        }
        case DEPLOY -> {
          for (Shipment reference : leadTimes.shipments(event)) {
            var shaState = bySha.computeIfAbsent(reference.key(), k -> new CommitAliasState());
            ship(aliases.onReference(shaState, reference), emitted);
          }
          var deployState =
              byDeploy.computeIfAbsent(DeployOutcomes.key(event), k -> new DeployOutcomeState());
          outcomes.onDeploy(deployState, event).forEach(fact -> write(deploys, fact, emitted));
          var serviceState =
              byService.computeIfAbsent(event.service(), k -> new AttributionState());
          route(attribution.onDeploy(serviceState, event), emitted);
        }
        case INCIDENT -> {
          var state = byIncident.computeIfAbsent(RecoveryTime.key(event), k -> new IncidentState());
          IncidentUpdate update = recovery.onIncident(state, event);
          for (IncidentFact fact : update.facts()) {
            write(incidents, fact, emitted);
            if (fact.service() != null) {
              var serviceState =
                  byService.computeIfAbsent(fact.service(), k -> new AttributionState());
              route(attribution.onIncident(serviceState, fact), emitted);
            }
          }
          route(update.attributions(), emitted);
        }
        default -> throw new IllegalArgumentException("not a delivery event: " + event);
      }
    }
    return emitted;
  }

  /** The facts of one kind among those {@link #send} returned. */
  static <T> List<T> only(Class<T> kind, List<Object> emitted) {
    return emitted.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  private void ship(List<Shipment> shipments, List<Object> emitted) {
    for (Shipment shipment : shipments) {
      var state = byChange.computeIfAbsent(shipment.key(), k -> new LeadTimeState());
      leadTimes.onShipment(state, shipment).forEach(fact -> write(changes, fact, emitted));
    }
  }

  private void route(List<Attribution> attributions, List<Object> emitted) {
    for (Attribution message : attributions) {
      var state = byDeploy.computeIfAbsent(message.deployId(), k -> new DeployOutcomeState());
      outcomes.onAttribution(state, message).forEach(fact -> write(deploys, fact, emitted));
    }
  }

  private static <T> void write(FactTable<T> table, T fact, List<Object> emitted) {
    table.write(fact);
    emitted.add(fact);
  }
}
