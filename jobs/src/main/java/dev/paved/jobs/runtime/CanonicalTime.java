package dev.paved.jobs.runtime;

import java.time.Instant;

/**
 * Reads the UTC timestamps of the canonical event JSON and the log's headers ({@code
 * 2026-03-01T14:03:22.120Z}, fraction optional, up to nine digits) about ten times faster than
 * {@link Instant#parse}, which matters at millions of events. Anything else goes to {@link
 * Instant#parse}.
 */
public final class CanonicalTime {
  private CanonicalTime() {}

  /**
   * Epoch milliseconds of {@code text}; a fraction finer than milliseconds is truncated, as {@link
   * Instant#toEpochMilli()} does.
   *
   * @throws java.time.format.DateTimeParseException if it is not an ISO-8601 instant
   */
  public static long parseMillis(String text) {
    int length = text.length();
    if (length < 20
        || length > 30
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z') {
      return Instant.parse(text).toEpochMilli();
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    int millis = 0;
    if (length > 20) {
      int fractionDigits = length - 21;
      if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
        return Instant.parse(text).toEpochMilli();
      }
      int used = Math.min(3, fractionDigits);
      millis = digits(text, 20, used);
      for (int i = used; i < 3; i++) {
        millis *= 10;
      }
      if (fractionDigits > 3 && digits(text, 23, fractionDigits - 3) < 0) {
        millis = -1;
      }
    }
    if (year < 1970
        || month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || millis < 0) {
      // Not plain (a leap second, a bad digit, before 1970): the slow parser decides.
      return Instant.parse(text).toEpochMilli();
    }
    long days = epochDay(year, month, day);
    return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
  }

  /** The value of {@code count} decimal digits at {@code start}; -1 if one is not a digit. */
  private static int digits(String text, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (the algorithm of LocalDate). */
  private static long epochDay(int year, int month, int day) {
    long y = year;
    long total = 365 * y;
    total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    total += (367 * month - 362) / 12;
    total += day - 1;
    if (month > 2) {
      total--;
      if (!(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
        total--;
      }
    }
    return total - 719_528;
  }
}
