package dev.paved.jobs.delivery;

import java.time.Instant;

/**
 * One change shipped by one successful production deploy: what {@link LeadTimeCalculator#shipments}
 * makes of a deploy event, one per change it names, each routed to its change's key.
 *
 * @param eventId the deploy event's id, the deduplication key
 * @param team the deploy's team; null when not sent
 * @param finishedAt the deploy event's {@code time}
 * @param inlineTime the change's {@code time} when the deploy described it inline; else null
 * @param inlineActor the author an inline description named; else null
 */
public record Shipment(
    String service,
    String changeId,
    String deployId,
    String eventId,
    String team,
    Instant finishedAt,
    Instant inlineTime,
    String inlineActor) {

  /** The key of the change it shipped, as {@link LeadTimeCalculator#key(String, String)}. */
  public String key() {
    return LeadTimeCalculator.key(service, changeId);
  }
}
