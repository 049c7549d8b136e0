package dev.paved.jobs.delivery;

import dev.paved.model.Deploy;
import dev.paved.model.Event;
import java.time.Instant;

/**
 * What one {@code deploy} event said about its deploy; states keep one per event id.
 *
 * @param time the event's {@code time}: when the deploy finished
 */
public record DeployReport(
    String eventId,
    String deployId,
    Instant time,
    String service,
    String team,
    String environment,
    Deploy.Status status) {

  /** The report of a {@code deploy} event. */
  public static DeployReport of(Event deploy) {
    Deploy body = (Deploy) deploy.body();
    return new DeployReport(
        deploy.id(),
        body.deployId(),
        deploy.time(),
        deploy.service(),
        deploy.team(),
        body.environment(),
        body.status());
  }
}
