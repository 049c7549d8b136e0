package dev.paved.jobs.workflows;

import dev.paved.model.Usage;
import java.time.Instant;

/**
 * What one {@code usage} event of a workflow run said; an attempt's state keeps one per event id.
 *
 * @param step null for {@code started} and {@code completed}
 * @param error null when not sent
 */
public record RunEvent(
    String eventId,
    Usage.Action action,
    Instant time,
    String step,
    String error,
    String actor,
    String team) {}
