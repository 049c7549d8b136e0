package dev.paved.model;

import java.time.Instant;

/**
 * A change a deploy shipped, described in the deploy itself rather than by a {@code change} event.
 *
 * @param actor the author; null when not sent
 */
public record InlineChange(String changeId, Instant time, String actor) {}
