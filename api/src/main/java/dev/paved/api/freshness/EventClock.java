package dev.paved.api.freshness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.clickhouse.ClickHouse;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads {@link AsOf} from the raw {@code events} table: one small query per request, read with
 * {@code FINAL} so that a discarded duplicate's time does not count.
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
                    + clickhouse.table("events")
                    + " FINAL")
            .get(0);
    if (row.path("events").asLong() == 0) {
      return AsOf.NOTHING_YET;
    }
    return new AsOf(
        Optional.of(Instant.ofEpochMilli(row.path("event_time").asLong())),
        Optional.of(Instant.ofEpochMilli(row.path("processed_at").asLong())));
  }
}
