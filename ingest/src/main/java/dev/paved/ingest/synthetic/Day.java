package dev.paved.ingest.synthetic;

import java.time.DayOfWeek;

/** One UTC day of the simulated period; teams place their work hours in it by their UTC offset. */
record Day(int index, long start, DayOfWeek weekday) {
  static final long SECONDS = 86_400;

  static Day of(OrganisationShape shape, int index) {
    long start = shape.start().getEpochSecond() + index * SECONDS;
    // Epoch day 0 was a Thursday.
    DayOfWeek weekday = DayOfWeek.of((int) Math.floorMod(start / SECONDS + 3, 7) + 1);
    return new Day(index, start, weekday);
  }

  boolean workday() {
    return weekday.getValue() <= 5;
  }

  /** The instant of a local clock time of the team, e.g. 9.5 for half past nine. */
  long at(Team team, double localHour) {
    return start + (long) ((localHour - team.utcOffset()) * 3600);
  }

  /** A random moment of the team's working day, 09:00 to 18:00 local. */
  long duringWork(Team team, Dice dice) {
    return at(team, 9 + 9 * dice.uniform());
  }

  Day plusDays(int days) {
    return new Day(index + days, start + days * SECONDS, weekday.plus(days));
  }

  /** Counts weeks from Monday to Monday, for fortnightly rhythms. */
  long epochWeek() {
    return Math.floorDiv(start / SECONDS + 3, 7);
  }
}
