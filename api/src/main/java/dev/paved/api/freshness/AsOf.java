package dev.paved.api.freshness;

import java.time.Instant;
import java.util.Optional;

/**
 * How fresh an answer is. {@code eventTime}: the pipeline's event-time clock, the latest event time
 * in the raw {@code events} table. {@code processedAt}: when Paved last wrote what it serves, the
 * latest {@code received_at} in that table for now (the metric jobs' fact tables, once they exist,
 * will say when they last wrote). Both empty when there are no events.
 */
public record AsOf(Optional<Instant> eventTime, Optional<Instant> processedAt) {
  public static final AsOf NOTHING_YET = new AsOf(Optional.empty(), Optional.empty());
}
