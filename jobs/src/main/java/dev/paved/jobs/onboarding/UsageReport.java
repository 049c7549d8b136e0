package dev.paved.jobs.onboarding;

import dev.paved.model.Usage;
import java.time.Instant;

/**
 * What one {@code usage} event of a service-template run said; the run's state keeps one per event
 * id.
 *
 * @param service {@code attributes.service}, else the envelope's {@code service}; null when neither
 */
public record UsageReport(
    String eventId, Usage.Action action, Instant time, String service, String actor, String team) {}
