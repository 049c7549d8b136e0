package dev.paved.jobs.delivery;

import java.time.Instant;

/**
 * An incident of the service, in {@link AttributionState}.
 *
 * @param namesDeploy it names its cause, so nothing is inferred for it
 * @param inferredDeploy the deploy it is currently attributed to by inference; null when none
 */
public record WatchedIncident(
    String incidentId, Instant openedAt, boolean namesDeploy, String inferredDeploy) {}
