package dev.paved.jobs.deviations;

import java.time.Instant;

/**
 * A deviation that is active at the pipeline's clock: what the clusterer sees of it.
 *
 * @param identity {@code team|service|component} (see {@link DeviationLog#identity})
 * @param service {@code ''} when the events name none
 * @param reason the latest {@code started} event's reason; null when it gave none
 * @param since when the current spell off the path began (the earliest {@code started} after the
 *     latest {@code ended})
 */
public record ActiveDeviation(
    String identity,
    String team,
    String service,
    String component,
    String goldenPath,
    String actual,
    String reason,
    Instant since) {}
