package dev.paved.clickhouse;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place where values become SQL text. ClickHouse 18.16 has no server-side query parameters,
 * so every value reaches a query as a literal written here, and every name through {@link
 * #identifier}. The output parses the same on 18.16 and on 23+.
 */
public final class SqlLiteral {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  // DateTime is seconds since the epoch in a UInt32; 18.16's date tables end with 2105.
  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("2105-12-31T23:59:59Z");

  private SqlLiteral() {}

  /** A single-quoted string that reads back as exactly {@code value}. */
  public static String string(String value) {
    Objects.requireNonNull(value, "a SQL string literal cannot be null");
    StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '\'') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        // Control characters (NUL included) as \xHH: visible in logs, one byte on the server.
        out.append(String.format("\\x%02X", (int) c));
      } else if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c)
            || i + 1 == value.length()
            || !Character.isLowSurrogate(value.charAt(i + 1))) {
          // Would be sent as '?' in UTF-8, so the server would see another string.
          throw new IllegalArgumentException(
              "a SQL string literal cannot hold an unpaired surrogate (at index " + i + ")");
        }
        out.append(c).append(value.charAt(++i));
      } else {
        out.append(c);
      }
    }
    return out.append('\'').toString();
  }

  /**
   * An integer. Negative values are parenthesized so that a builder writing {@code "a -" +
   * integer(-1)} cannot produce {@code a --1}, which is a comment.
   */
  public static String integer(long value) {
    return value < 0 ? "(" + value + ")" : Long.toString(value);
  }

  /** A Float64, parenthesized when negative like {@link #integer}. */
  public static String decimal(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("a SQL number must be finite, got " + value);
    }
    if (value == 0) {
      return "0.0"; // -0.0 too: SQL arithmetic does not tell them apart, JSON readers don't either
    }
    if (Math.abs(value) < Double.MIN_NORMAL) {
      // 18.16 rejects subnormal literals as a syntax error and parses them as 0 from strings.
      throw new IllegalArgumentException(
          "a SQL number must be 0 or at least "
              + Double.MIN_NORMAL
              + " in magnitude, got "
              + value);
    }
    String text = Double.toString(value);
    return text.startsWith("-") ? "(" + text + ")" : text;
  }

  /** A UTC {@code DateTime} of the instant's second (the sub-second part is dropped). */
  public static String dateTime(Instant value) {
    Objects.requireNonNull(value, "a SQL date-time cannot be null");
    if (value.isBefore(EARLIEST) || value.isAfter(LATEST.plusNanos(999_999_999))) {
      throw new IllegalArgumentException(
          "a ClickHouse DateTime must be between "
              + EARLIEST
              + " and "
              + LATEST
              + ", got "
              + value);
    }
    String text = LocalDateTime.ofInstant(value, ZoneOffset.UTC).format(DATE_TIME);
    return "toDateTime('" + text + "', 'UTC')";
  }

  /** An {@code Array(String)}; typed even when empty, since {@code []} is Array(Nothing). */
  public static String stringArray(List<String> values) {
    if (values.isEmpty()) {
      return "emptyArrayString()";
    }
    return values.stream().map(SqlLiteral::string).collect(Collectors.joining(", ", "[", "]"));
  }

  /** A database, table or column name, backquoted, after checking it is a plain identifier. */
  public static String identifier(String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "not a plain identifier ([A-Za-z_][A-Za-z0-9_]*): \"" + name + "\"");
    }
    return "`" + name + "`";
  }
}
