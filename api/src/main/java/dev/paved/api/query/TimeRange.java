package dev.paved.api.query;

import dev.paved.api.http.InvalidParam;
import dev.paved.api.http.Problem;
import dev.paved.clickhouse.SqlLiteral;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The half-open interval {@code [from, to)} a request covers. */
public record TimeRange(Instant from, Instant to) {
  /** How far back {@code from} reaches when not given. */
  public static final int DEFAULT_DAYS = 90;

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

  /**
   * Resolves the bounds as given. Without {@code to}: the start of the day (in {@code zone}) after
   * the day of {@code latestEvent}, the event-time clock, so that the newest event is inside and
   * the answer depends on the data, not on when it is asked. Without {@code from}: {@code to} minus
   * 90 days. A bound that is a day means its start in {@code zone}.
   */
  public static TimeRange resolve(TimeBound from, TimeBound to, ZoneId zone, Instant latestEvent) {
    Instant end =
        to != null
            ? to.resolve(zone)
            : latestEvent.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    Instant start =
        from != null
            ? from.resolve(zone)
            : ZonedDateTime.ofInstant(end, zone).minusDays(DEFAULT_DAYS).toInstant();
    return new TimeRange(start, end);
  }

  /**
   * The range a request asks for, defaults applied ({@link #resolve}) and checked: each bound
   * within what ClickHouse's {@code DateTime} holds (1970 to 2105), {@code from} before {@code to}.
   * {@code eventClock}: the latest event time in the data (the wall clock when there is none).
   */
  public static TimeRange of(QueryParameters params, Instant eventClock) {
    ZoneId zone = params.get(Params.TZ);
    TimeBound from = params.get(Params.FROM);
    TimeBound to = params.get(Params.TO);
    TimeRange range = resolve(from, to, zone, eventClock);
    List<InvalidParam> invalid = new ArrayList<>();
    if (from != null && !TimeBound.inRange(range.from())) {
      invalid.add(new InvalidParam("from", OUT_OF_RANGE));
    }
    if (to != null && !TimeBound.inRange(range.to())) {
      invalid.add(new InvalidParam("to", OUT_OF_RANGE));
    }
    if (invalid.isEmpty() && !range.from().isBefore(range.to())) {
      String shown = format(range.from(), zone) + " is not before " + format(range.to(), zone);
      invalid.add(
          to != null || from == null
              ? new InvalidParam("to", "must be after from (" + shown + ")")
              : new InvalidParam("from", "must be before to (" + shown + ")"));
    }
    if (!invalid.isEmpty()) {
      throw Problem.invalidParams(invalid);
    }
    return range.from().isBefore(TimeBound.EARLIEST)
        ? new TimeRange(TimeBound.EARLIEST, range.to())
        : range;
  }

  private static final String OUT_OF_RANGE = "must be between 1970-01-01 and 2105-12-31";

  /** The bound as RFC 3339 in {@code zone}'s offset; milliseconds only when there are some. */
  public static String format(Instant instant, ZoneId zone) {
    ZonedDateTime local = instant.atZone(zone);
    return (instant.getNano() == 0 ? SECONDS : MILLIS).format(local);
  }

  public Duration length() {
    return Duration.between(from, to);
  }

  /**
   * {@code column} (a {@code DateTime}, whole seconds) within the range. A bound inside a second
   * moves to the next whole second: a value at 10:00:00 is before 10:00:00.5.
   */
  public String sqlCondition(String column) {
    String c = MetricSql.column(column);
    return c
        + " >= "
        + SqlLiteral.dateTime(ceilSecond(from))
        + " AND "
        + c
        + " < "
        + SqlLiteral.dateTime(ceilSecond(to));
  }

  /**
   * The range over a time kept as a {@code DateTime} column and a milliseconds column (as the raw
   * {@code events} table keeps it), to the millisecond.
   */
  public String sqlCondition(String secondsColumn, String millisColumn) {
    String millis =
        "(toUInt64("
            + MetricSql.column(secondsColumn)
            + ") * 1000 + "
            + MetricSql.column(millisColumn)
            + ")";
    return millis
        + " >= "
        + SqlLiteral.integer(from.toEpochMilli())
        + " AND "
        + millis
        + " < "
        + SqlLiteral.integer(to.toEpochMilli());
  }

  private static Instant ceilSecond(Instant instant) {
    Instant floor = instant.truncatedTo(ChronoUnit.SECONDS);
    return floor.equals(instant) ? floor : floor.plusSeconds(1);
  }
}
