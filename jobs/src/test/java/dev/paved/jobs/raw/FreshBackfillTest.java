package dev.paved.jobs.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.SqlLiteral;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.PavedConfig;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.jobs.PavedJobs;
import dev.paved.jobs.runtime.testing.EndToEnd;
import dev.paved.jobs.runtime.testing.TestEvents;
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
 * A backfill over tables an earlier run left: the metric tables end with exactly what the log
 * gives, the raw events keep what they held. Real Kafka, MiniCluster, real ClickHouse.
 */
@Timeout(180)
class FreshBackfillTest {
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
  void staleAndOrphanRowsAreGoneRawEventsStay(@TempDir Path home) throws Exception {
    String topic = "fresh.events";
    String database = clickhouse.freshDatabaseName("fresh");
    PavedConfig config = endToEnd.config(home, topic, database, Map.of());
    PavedJobs.applyMigrations(config, clickhouse.httpUrl());
    ClickHouse db = clickhouse.connect(database);
    // An earlier run's rows: the deploy as a failure with a version above any the replay gives,
    // a deploy whose key the replay no longer produces, and a raw event past the log's retention.
    db.execute(
        "INSERT INTO "
            + db.table("deploys")
            + " (id, deploy_id, status, failed, version) VALUES"
            + " ('deploy:d-d-1', 'd-d-1', 'failure', 1, 18446744073709551615),"
            + " ('deploy:orphan', 'orphan', 'success', 0, 1)");
    db.execute(
        "INSERT INTO "
            + db.table("events")
            + " (id, type, team, sender) VALUES ('expired', 'deploy', 'checkout', 'argo')");
    endToEnd.append(
        topic,
        EndToEnd.record(
            TestEvents.deploy("d-1", "2026-03-02T10:00:00Z", "checkout"),
            "argo",
            "2026-03-02T10:00:01Z"));

    String migrations = migrations(db);

    PavedJobs.backfill(
        StreamExecutionEnvironment.getExecutionEnvironment(),
        config,
        kafka.bootstrapServers(),
        clickhouse.httpUrl());

    assertEquals(
        "[{\"id\":\"deploy:d-d-1\",\"status\":\"success\",\"failed\":0}]",
        db.queryRows("SELECT id, status, failed FROM " + db.table("deploys") + " FINAL ORDER BY id")
            .toString());
    assertEquals(
        "[{\"id\":\"d-1\"}, {\"id\":\"expired\"}]",
        db.queryRows("SELECT id FROM " + db.table("events") + " FINAL ORDER BY id").toString());
    assertEquals(
        "[]",
        db.queryRows(
                "SELECT name FROM system.tables WHERE database = "
                    + SqlLiteral.string(database)
                    + " AND (name LIKE '%backfill' OR name LIKE '%old')")
            .toString(),
        "no shadow nor old table is left");
    assertEquals(migrations, migrations(db), "the migrations table is untouched");
  }

  private static String migrations(ClickHouse db) {
    return db.queryRows("SELECT * FROM " + db.table("schema_migrations") + " ORDER BY version")
        .toString();
  }
}
