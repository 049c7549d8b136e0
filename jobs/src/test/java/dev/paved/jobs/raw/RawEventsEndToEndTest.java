package dev.paved.jobs.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.PavedConfig;
import dev.paved.ingest.log.LogRecord;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.jobs.PavedJobs;
import dev.paved.jobs.runtime.testing.EndToEnd;
import dev.paved.jobs.runtime.testing.TestEvents;
import dev.paved.model.Event;
import dev.paved.model.EventCodec;
import dev.paved.model.Usage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production job in backfill mode, end to end: events appended to a real (private) Kafka broker
 * the way ingest appends them, the job on a MiniCluster, rows read back from a real (private)
 * ClickHouse.
 */
@Timeout(180)
class RawEventsEndToEndTest {
  @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  @RegisterExtension
  static final MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private final EndToEnd endToEnd = new EndToEnd(kafka, clickhouse);

  @Test
  void backfillWritesEveryEventOnceWithItsSender(@TempDir Path home) throws Exception {
    String topic = "backfill.events";
    String database = clickhouse.freshDatabaseName("backfill");
    PavedConfig config = endToEnd.config(home, topic, database, Map.of());
    Event first = TestEvents.change("gh-1", "2026-03-02T10:00:00.120Z", "checkout");
    endToEnd.append(
        topic,
        EndToEnd.record(first, "github-app", "2026-03-02T10:00:01.500Z"),
        // Out of order: an hour before the one appended before it.
        EndToEnd.record(
            TestEvents.change("gh-0", "2026-03-02T09:00:00Z", "checkout"),
            "github-app",
            "2026-03-02T10:00:02Z"),
        EndToEnd.record(
            TestEvents.usage("u-1", "2026-03-02T10:05:00Z", "search", Usage.Action.STARTED, null),
            "portal",
            "2026-03-02T10:05:00Z"),
        // Two hours late, far behind the watermark when it arrives: still written.
        EndToEnd.record(
            TestEvents.deploy("d-1", "2026-03-02T08:00:00Z", "checkout"),
            "argo",
            "2026-03-02T10:06:00Z"),
        // The same id again, resent later: dropped.
        EndToEnd.record(
            TestEvents.change("gh-1", "2026-03-02T10:00:00.120Z", "other-team"),
            "github-app",
            "2026-03-02T10:07:00Z"),
        // Not an event: skipped, and the job goes on.
        new LogRecord("junk", "not json".getBytes(StandardCharsets.UTF_8), Map.of()));

    PavedJobs.backfill(
        StreamExecutionEnvironment.getExecutionEnvironment(),
        config,
        kafka.bootstrapServers(),
        clickhouse.httpUrl());

    ClickHouse db = clickhouse.connect(database);
    assertEquals(
        "[{\"id\":\"d-1\"}, {\"id\":\"gh-0\"}, {\"id\":\"gh-1\"}, {\"id\":\"u-1\"}]",
        db.queryRows("SELECT id FROM " + db.table("events") + " FINAL ORDER BY id").toString());
    // Without FINAL too: the copy was dropped by the job, not merged away by ClickHouse.
    assertEquals(4, EndToEnd.count(db, ""));
    JsonNode row =
        db.queryRows(
                "SELECT id, type, time, time_ms, team, sender, received_at, received_ms, payload,"
                    + " attr_keys, attr_values FROM "
                    + db.table("events")
                    + " FINAL WHERE id = 'gh-1'")
            .get(0);
    assertEquals("change", row.get("type").asText());
    assertEquals("2026-03-02 10:00:00", row.get("time").asText());
    assertEquals(120, row.get("time_ms").asInt());
    assertEquals("checkout", row.get("team").asText(), "the first copy wins");
    assertEquals("github-app", row.get("sender").asText());
    assertEquals("2026-03-02 10:00:01", row.get("received_at").asText());
    assertEquals(500, row.get("received_ms").asInt());
    assertEquals(EventCodec.encodeToString(first), row.get("payload").asText());
    assertEquals("[\"repo\",\"lines\"]", row.get("attr_keys").toString());
    assertEquals("[\"payments-api\",\"120\"]", row.get("attr_values").toString());
    assertEquals(
        "portal",
        db.queryRows("SELECT sender FROM " + db.table("events") + " WHERE id = 'u-1'")
            .get(0)
            .get("sender")
            .asText());
  }
}
