package dev.paved.jobs.delivery;

import java.time.Instant;

/**
 * What one {@code change} event said about a change; the lead-time state keeps one per event so
 * that the merged view does not depend on the order they arrived in.
 *
 * @param time the event's {@code time}: when the change was authored
 */
public record ChangeReport(
    String eventId,
    Instant time,
    String team,
    String actor,
    Instant prOpenedAt,
    Instant prFirstReviewAt,
    Instant prMergedAt) {}
