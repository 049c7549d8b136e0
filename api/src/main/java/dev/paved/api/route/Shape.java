package dev.paved.api.route;

/** What a route's answer looks like. */
public enum Shape {
  /**
   * A metric per period (and group): the envelope of api.md with {@code metric}, {@code unit},
   * {@code granularity}, ...; every row has {@code period} and {@code count}, ordered by period
   * then group, and {@code "low_confidence": true} when its count is below the minimum.
   */
  METRIC,
  /**
   * A page of records (e.g. raw events), newest first: the envelope without {@code unit} and {@code
   * granularity}, with {@code next_cursor}; rows are the records as they are.
   */
  LIST
}
