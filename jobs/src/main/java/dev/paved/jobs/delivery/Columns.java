package dev.paved.jobs.delivery;

import dev.paved.jobs.runtime.ClickHouseValues;
import java.time.Instant;

/**
 * Fact fields as the columns of the fact tables (migration {@code 002_delivery_and_onboarding.sql})
 * take them: instants as a {@code DateTime('UTC')} string plus a {@code _ms} column, absent text as
 * {@code ''}, flags as 0/1. Only the columns declared Nullable receive nulls.
 */
public final class Columns {

  private Columns() {}

  /** {@code "YYYY-MM-DD hh:mm:ss"}; null for a null instant (Nullable(DateTime) columns only). */
  public static String dateTime(Instant instant) {
    return instant == null ? null : ClickHouseValues.dateTime(instant);
  }

  /** The milliseconds within the second; 0 for a null instant. */
  public static int millis(Instant instant) {
    return instant == null ? 0 : ClickHouseValues.millisOf(instant.toEpochMilli());
  }

  /** {@code ''} for null, as a String column's default. */
  public static String text(String value) {
    return value == null ? "" : value;
  }

  /** A UInt8 flag. */
  public static int flag(boolean value) {
    return value ? 1 : 0;
  }
}
