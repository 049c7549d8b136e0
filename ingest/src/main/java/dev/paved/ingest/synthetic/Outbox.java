package dev.paved.ingest.synthetic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides when each event reaches the ingest, the way real senders deliver: seconds after it
 * happened, a few out of order by minutes, some hours or days late, a few sent twice. Events wait
 * in a bucket per delivery day, so only the days not yet delivered are held in memory.
 */
final class Outbox {
  private static final long DAY_MILLIS = Day.SECONDS * 1000;
  private static final double OUT_OF_ORDER = 0.02;
  private static final double LATE_BY_HOURS = 0.004;
  private static final double LATE_BY_DAYS = 0.001;
  private static final double DUPLICATE = 0.008;

  /** Room after the period for the latest deliveries: days late, plus a resend days later. */
  private static final int TAIL_DAYS = 21;

  private static final Comparator<Parcel> DELIVERY_ORDER =
      Comparator.comparingLong(Parcel::deliverAt).thenComparingLong(Parcel::sequence);

  private record Parcel(long deliverAt, long sequence, byte[] line) {}

  private final long startMillis;
  private final long end;
  private final List<List<Parcel>> days = new ArrayList<>();
  private final Dice dice;
  private long sequence;
  private int delivered;

  Outbox(OrganisationShape shape, Dice dice) {
    this.startMillis = shape.start().toEpochMilli();
    this.end = shape.start().getEpochSecond() + shape.days() * Day.SECONDS;
    this.dice = dice;
    for (int i = 0; i < shape.days() + TAIL_DAYS; i++) {
      days.add(new ArrayList<>());
    }
  }

  /**
   * Sends an event that happened at {@code occurredAt}; what would happen after the period is not.
   */
  void send(long occurredAt, byte[] line) {
    sendLate(occurredAt, 0, line);
  }

  /** Sends an event that its sender holds back on purpose, e.g. a change after its deploy. */
  void sendLate(long occurredAt, long delaySeconds, byte[] line) {
    if (occurredAt >= end) {
      return;
    }
    long deliverAt = (occurredAt + delaySeconds) * 1000 + dice.below(3000) + lateness();
    put(deliverAt, line);
    if (dice.chance(DUPLICATE)) {
      // A retry after a lost acknowledgement comes minutes later; a replay, days later.
      long resend =
          dice.chance(0.75)
              ? (long) dice.between(60_000, 20 * 60_000)
              : (long) dice.between(DAY_MILLIS, 6 * DAY_MILLIS);
      put(deliverAt + resend, line);
    }
  }

  private long lateness() {
    double roll = dice.uniform();
    if (roll < OUT_OF_ORDER) {
      return (long) dice.between(60_000, 30 * 60_000);
    }
    if (roll < OUT_OF_ORDER + LATE_BY_HOURS) {
      return (long) dice.between(3_600_000, 12 * 3_600_000);
    }
    if (roll < OUT_OF_ORDER + LATE_BY_HOURS + LATE_BY_DAYS) {
      return (long) dice.between(DAY_MILLIS, 5 * DAY_MILLIS);
    }
    return 0;
  }

  private void put(long deliverAt, byte[] line) {
    int day = (int) ((deliverAt - startMillis) / DAY_MILLIS);
    if (day < delivered || day >= days.size()) {
      throw new IllegalStateException(
          "event scheduled for day " + day + " outside days " + delivered + ".." + days.size());
    }
    days.get(day).add(new Parcel(deliverAt, sequence++, line));
  }

  /** Days there are to deliver, the period and its tail of late events. */
  int dayCount() {
    return days.size();
  }

  /** The events a sender delivers on day {@code day}, in delivery order; call once per day. */
  List<byte[]> deliver(int day) {
    List<Parcel> parcels = days.get(day);
    days.set(day, null);
    delivered = day + 1;
    parcels.sort(DELIVERY_ORDER);
    List<byte[]> lines = new ArrayList<>(parcels.size());
    for (Parcel parcel : parcels) {
      lines.add(parcel.line());
    }
    return lines;
  }
}
