package dev.paved.jobs.workflows;

import dev.paved.jobs.runtime.ClickHouseValues;
import dev.paved.model.Event;
import dev.paved.model.Usage;
import java.time.Instant;

/**
 * One row of {@code feature_usage}: a developer used a feature (any {@code usage} action) in a
 * 15-minute slot of UTC. The finest grain that still answers "active in this period" exactly for
 * every time zone: every zone's offset is a multiple of 15 minutes, so every day, week or month
 * boundary in any zone falls on a slot boundary.
 *
 * <p>Stateless: every event of the slot writes the same id, versioned by its event time, so the
 * latest event's team wins and replays end with the same rows.
 *
 * @param id {@code usage:<feature>:<actor>:<slot start, epoch seconds>}
 * @param team the team of the slot's latest event; {@code ''} when not sent
 * @param slotStart the slot's start, UTC ({@code DateTime('UTC')} text)
 * @param version the event time in microseconds
 */
public record FeatureUse(
    String id, String feature, String actor, String team, String slotStart, long version) {

  public static final String TABLE = "feature_usage";

  /** Seconds in a slot. */
  public static final long SLOT_SECONDS = 15 * 60;

  /** Whether the event is a feature use by a named developer. */
  public static boolean isFeatureUse(Event event) {
    return event.body() instanceof Usage usage && usage.feature() != null && event.actor() != null;
  }

  public static FeatureUse of(Event event) {
    String feature = ((Usage) event.body()).feature();
    long slot = Math.floorDiv(event.time().getEpochSecond(), SLOT_SECONDS) * SLOT_SECONDS;
    return new FeatureUse(
        "usage:" + feature + ":" + event.actor() + ":" + slot,
        feature,
        event.actor(),
        event.team() == null ? "" : event.team(),
        ClickHouseValues.dateTime(Instant.ofEpochSecond(slot)),
        Math.addExact(
            Math.multiplyExact(event.time().getEpochSecond(), 1_000_000L),
            event.time().getNano() / 1_000));
  }
}
