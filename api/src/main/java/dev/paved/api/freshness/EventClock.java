package dev.paved.api.freshness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.clickhouse.ClickHouse;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads {@link AsOf} from the raw {@code events} table: one small query per request. Without {@code
 * FINAL}: a duplicate carries its original's event time, so the maxima are the same, and {@code
 * FINAL} over a table ordered by id merges every row on every request (the largest cost of a warm
 * request in {@code DashboardBenchmark}). Only a sender reusing an id for an event of another time
 * could move the clock to a copy the table later discards.
 */
public final class EventClock {
  private final ClickHouse clickhouse;

  public EventClock(ClickHouse clickhouse) {
    this.clickhouse = clickhouse;
  }

  public AsOf read() {
    JsonNode row =
        clickhouse
            .queryRows(
                "SELECT count() AS events,"
                    + " max(toUInt64(time) * 1000 + time_ms) AS event_time,"
                    + " max(toUInt64(received_at) * 1000 + received_ms) AS processed_at"
                    + " FROM "
                    + clickhouse.table("events"))
            .get(0);
    if (row.path("events").asLong() == 0) {
      return AsOf.NOTHING_YET;
    }
    return new AsOf(
        Optional.of(Instant.ofEpochMilli(row.path("event_time").asLong())),
        Optional.of(Instant.ofEpochMilli(row.path("processed_at").asLong())));
  }
}
