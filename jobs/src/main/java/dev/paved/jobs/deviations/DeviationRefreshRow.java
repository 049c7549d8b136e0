package dev.paved.jobs.deviations;

import dev.paved.jobs.delivery.Columns;
import java.time.Instant;

/**
 * One row of {@code deviation_refreshes}: that refresh {@code refresh} happened, at the clusterer's
 * event-time {@code clock}, and how many cluster rows it wrote, so a reader can tell a complete
 * refresh from one still being written.
 */
public record DeviationRefreshRow(
    String id,
    long refresh,
    String clock,
    int clockMs,
    int clusters,
    int activeDeviations,
    long version) {

  public static final String TABLE = "deviation_refreshes";

  public static DeviationRefreshRow of(long refresh, Instant clock, int clusters, int active) {
    return new DeviationRefreshRow(
        "refresh:" + refresh,
        refresh,
        Columns.dateTime(clock),
        Columns.millis(clock),
        clusters,
        active,
        refresh);
  }
}
