package dev.paved.jobs.deviations;

import dev.paved.model.Deviation;
import dev.paved.model.Event;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;

/**
 * Which deviations are active, from their {@code started} and {@code ended} events in any order.
 *
 * <p>A deviation's identity is its team, service and component: a team leaves the golden path of
 * one component for one service at a time, and an {@code ended} with the same three brings it back.
 * It is active while its latest {@code started} is later than its latest {@code ended} and lies
 * within the window (a deviation nobody has confirmed for 90 days is stale). Its fields (golden
 * path, replacement, reason) are those of its latest {@code started}.
 */
public final class DeviationLog implements Serializable {
  private static final long serialVersionUID = 1L;

  private final DeviationSettings settings;

  public DeviationLog(DeviationSettings settings) {
    this.settings = settings;
  }

  /** {@code team|service|component}; {@code service} is {@code ''} when not sent. */
  public static String identity(Event event) {
    Deviation deviation = (Deviation) event.body();
    return event.team()
        + "|"
        + (event.service() == null ? "" : event.service())
        + "|"
        + deviation.component();
  }

  /** Absorbs {@code event} (a deviation with that identity) into {@code record}. */
  public void absorb(DeviationRecord record, Event event) {
    Deviation deviation = (Deviation) event.body();
    long time = event.time().toEpochMilli();
    if (record.identity == null) {
      record.identity = identity(event);
      record.team = event.team();
      record.service = event.service() == null ? "" : event.service();
      record.component = deviation.component();
    }
    if (deviation.action() == Deviation.Action.ENDED) {
      record.endedAt = Math.max(record.endedAt, time);
      if (record.goldenPath == null) {
        record.goldenPath = deviation.goldenPath();
        record.actual = deviation.actual();
      }
      return;
    }
    int at = Collections.binarySearch(record.starts, time);
    if (at < 0) {
      record.starts.add(-at - 1, time);
    }
    if (time >= record.reportedAt) {
      record.reportedAt = time;
      record.goldenPath = deviation.goldenPath();
      record.actual = deviation.actual();
      record.reason = deviation.reason();
    }
  }

  /** The deviation as active at {@code clock}, or empty when it is not. */
  public Optional<ActiveDeviation> active(DeviationRecord record, Instant clock) {
    if (record.starts.isEmpty()) {
      return Optional.empty();
    }
    long latest = record.starts.get(record.starts.size() - 1);
    if (latest <= record.endedAt || latest < windowStart(clock)) {
      return Optional.empty();
    }
    long since = latest;
    for (long start : record.starts) {
      if (start > record.endedAt) {
        since = start;
        break;
      }
    }
    return Optional.of(
        new ActiveDeviation(
            record.identity,
            record.team,
            record.service,
            record.component,
            record.goldenPath,
            record.actual,
            record.reason,
            Instant.ofEpochMilli(since)));
  }

  /**
   * Drops from {@code record} what the window no longer needs; true when nothing is left to keep
   * (no event inside the window), so the record can go.
   */
  public boolean prune(DeviationRecord record, Instant clock) {
    long start = windowStart(clock);
    long latest = record.starts.isEmpty() ? 0 : record.starts.get(record.starts.size() - 1);
    if (Math.max(latest, record.endedAt) < start) {
      return true;
    }
    // A start before both the window and the latest end decides nothing any more.
    record.starts.removeIf(time -> time < start && time < record.endedAt);
    return false;
  }

  private long windowStart(Instant clock) {
    return clock.minus(settings.window()).toEpochMilli();
  }
}
