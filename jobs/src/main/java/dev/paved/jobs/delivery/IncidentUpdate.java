package dev.paved.jobs.delivery;

import java.util.List;

/**
 * What {@link RecoveryTime} emits for one incident event.
 *
 * @param facts the incident's fact when it changed (at most one): to the sink, and to {@link
 *     ChangeFailureAttribution} keyed by its service
 * @param attributions changes to its explicit cause: to {@link DeployOutcomes} keyed by deploy
 */
public record IncidentUpdate(List<IncidentFact> facts, List<Attribution> attributions) {

  static final IncidentUpdate NONE = new IncidentUpdate(List.of(), List.of());

  public IncidentUpdate {
    facts = List.copyOf(facts);
    attributions = List.copyOf(attributions);
  }
}
