package dev.paved.jobs.runtime;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Values in the form ClickHouse's JSONEachRow input takes them, on 18.16 and 23+ alike. */
public final class ClickHouseValues {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private ClickHouseValues() {}

  /**
   * A {@code DateTime('UTC')} value, {@code "YYYY-MM-DD hh:mm:ss"}: the second of {@code
   * epochMillis}; its milliseconds go in a column of their own ({@link #millisOf}).
   */
  public static String dateTime(long epochMillis) {
    long seconds = Math.floorDiv(epochMillis, 1000);
    long days = Math.floorDiv(seconds, 86_400);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    if (days < 0 || days > 2_932_896) {
      // Before 1970 or after 9999: the slow, general way.
      return DATE_TIME.format(LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
    }
    LocalDate date = LocalDate.ofEpochDay(days);
    char[] text = new char[19];
    write(text, 0, date.getYear(), 4);
    text[4] = '-';
    write(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    write(text, 8, date.getDayOfMonth(), 2);
    text[10] = ' ';
    write(text, 11, secondOfDay / 3600, 2);
    text[13] = ':';
    write(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    write(text, 17, secondOfDay % 60, 2);
    return new String(text);
  }

  private static void write(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  public static String dateTime(Instant instant) {
    return dateTime(instant.toEpochMilli());
  }

  /** The milliseconds within the second, 0-999. */
  public static int millisOf(long epochMillis) {
    return (int) Math.floorMod(epochMillis, 1000L);
  }
}
