package dev.paved.api.query;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The periods metrics are reported per, each labelled by its first day in the request's zone: a
 * day; an ISO week, starting Monday and labelled by that Monday; a month, labelled by its first
 * day.
 */
public enum Granularity {
  DAY,
  WEEK,
  MONTH;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(Granularity::wireName).toList();
  }

  public static Granularity of(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }

  /**
   * The SQL expression of the period (a {@code Date}) of the {@code DateTime} column {@code
   * column}, in {@code zone}; the column name is checked, the zone is whitelisted and quoted.
   */
  public String bucket(String column, ZoneId zone) {
    String time = MetricSql.column(column);
    String tz = TimeZones.literal(zone);
    return switch (this) {
      case DAY -> "toDate(toStartOfDay(" + time + ", " + tz + "), " + tz + ")";
      case WEEK -> "toMonday(" + time + ", " + tz + ")";
      case MONTH -> "toStartOfMonth(" + time + ", " + tz + ")";
    };
  }

  /** The label (first day) of the period holding {@code day}, as {@link #bucket} computes it. */
  public LocalDate start(LocalDate day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  /** The label of the period {@code steps} periods after the one labelled {@code period}. */
  public LocalDate plus(LocalDate period, int steps) {
    return switch (this) {
      case DAY -> period.plusDays(steps);
      case WEEK -> period.plusWeeks(steps);
      case MONTH -> period.plusMonths(steps);
    };
  }
}
