package dev.paved.api.voice;

import dev.paved.api.query.Granularity;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/** Period labels in Java, as {@link Granularity#bucket} computes them in SQL. */
final class Periods {
  private Periods() {}

  /** The label (first day) of the period holding {@code instant} in {@code zone}. */
  static LocalDate of(Granularity granularity, Instant instant, ZoneId zone) {
    LocalDate day = instant.atZone(zone).toLocalDate();
    return switch (granularity) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  /** The label of the period before the one labelled {@code period}. */
  static LocalDate previous(Granularity granularity, LocalDate period) {
    return switch (granularity) {
      case DAY -> period.minusDays(1);
      case WEEK -> period.minusWeeks(1);
      case MONTH -> period.minusMonths(1);
    };
  }
}
