package dev.paved.api.query;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code from} or {@code to} as given: an instant (RFC 3339 with seconds and an offset) or a day
 * ({@code YYYY-MM-DD}), which means the start of that day in the request's zone.
 */
public record TimeBound(Instant instant, LocalDate day) {
  private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern RFC_3339 =
      Pattern.compile(
          "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})");
  // ClickHouse's DateTime: seconds since 1970 in a UInt32; 18.16's date tables end with 2105.
  static final Instant EARLIEST = Instant.EPOCH;
  static final Instant LATEST = Instant.parse("2105-12-31T00:00:00Z");

  public static TimeBound parse(String value) throws Param.BadValue {
    TimeBound bound;
    if (DAY.matcher(value).matches()) {
      try {
        bound = new TimeBound(null, LocalDate.parse(value));
      } catch (DateTimeException e) {
        throw new Param.BadValue("\"" + value + "\" is not a calendar date");
      }
    } else if (RFC_3339.matcher(value).matches()) {
      try {
        bound =
            new TimeBound(
                OffsetDateTime.parse(
                        value.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant(),
                null);
      } catch (DateTimeException e) {
        throw new Param.BadValue("\"" + value + "\" is not a valid date and time");
      }
    } else {
      String hint =
          value.matches(".*[0-9] [0-9]{2}:[0-9]{2}$")
              ? " (a '+' in a query string must be sent as %2B)"
              : "";
      throw new Param.BadValue(
          "\""
              + Param.shorten(value)
              + "\" is neither YYYY-MM-DD nor an RFC 3339 date-time such as"
              + " 2026-03-01T00:00:00Z"
              + hint);
    }
    return bound;
  }

  /** The instant this bound means in {@code zone}. */
  public Instant resolve(ZoneId zone) {
    return instant != null ? instant : day.atStartOfDay(zone).toInstant();
  }

  static boolean inRange(Instant instant) {
    return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
  }
}
