package dev.paved.jobs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.PrivateClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.ClickHouseConfig;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The ClickHouse sink against real private servers: batches, end of input, an outage. */
@Timeout(120)
class ClickHouseSinkTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  @RegisterExtension
  static final MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  /** A row of the test table; {@code time} is a DateTime column. */
  public record Reading(String id, String time, int valueMs) {}

  private static final String TABLE_DDL =
      "CREATE TABLE IF NOT EXISTS %s (id String, time DateTime('UTC'), value_ms UInt16)"
          + " ENGINE = ReplacingMergeTree ORDER BY id";

  @BeforeAll
  static void createTable() {
    ClickHouse db = clickhouse.connection();
    db.execute(TABLE_DDL.formatted(db.table("readings")));
    db.execute(TABLE_DDL.formatted(db.table("job_readings")));
  }

  @Test
  void insertsBatchesAndTheRestOnFlush() throws Exception {
    SimpleCounter written = new SimpleCounter();
    ClickHouseSinkWriter<Reading> writer =
        writer(target(clickhouse.config(), clickhouse.httpUrl()), "readings", written);
    for (int i = 0; i < 5; i++) {
      writer.write(
          new Reading("r" + i, ClickHouseValues.dateTime(1_772_000_000_000L + i), i), null);
    }
    assertEquals(4, count("readings"), "two full batches of two");
    writer.flush(false);
    assertEquals(5, count("readings"));
    assertEquals(5, written.getCount());
    writer.close();
    assertEquals(
        "{\"id\":\"r3\",\"time\":\"2026-02-25 06:13:20\",\"value_ms\":3}",
        clickhouse
            .connection()
            .queryRows(
                "SELECT id, time, value_ms FROM "
                    + clickhouse.connection().table("readings")
                    + " FINAL WHERE id = 'r3'")
            .get(0)
            .toString());
  }

  @Test
  void aJobWritesEveryRowByTheEndOfItsInputAndRewritingReplaces() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    List<Reading> readings =
        java.util.stream.IntStream.range(0, 1000)
            .mapToObj(
                i -> new Reading("j" + (i % 700), ClickHouseValues.dateTime(i * 1000L), i % 7))
            .toList();
    env.fromData(readings, TypeInformation.of(Reading.class))
        .sinkTo(
            ClickHouseSink.of(
                target(clickhouse.config(), clickhouse.httpUrl()),
                "job_readings",
                Reading.class,
                new SinkSettings(
                    64, Duration.ofSeconds(60), Duration.ofMillis(10), Duration.ofMillis(100))));
    env.execute("sink test");
    // 1000 rows written, 700 distinct ids: the rewritten ones replaced the first.
    assertEquals(700, count("job_readings"));
  }

  @Test
  void waitsWhileClickHouseIsDownAndLosesNothing(@TempDir Path directory) throws Exception {
    ClickHouseConfig config = privateServerConfig(0);
    PrivateClickHouse server = PrivateClickHouse.start(config, directory);
    int port = server.httpPort();
    ClickHouseTarget target = target(config, server.httpUrl());
    try (ClickHouse db = target.connect()) {
      db.execute("CREATE DATABASE IF NOT EXISTS " + config.database());
      db.execute(TABLE_DDL.formatted(db.table("readings")));
    }
    SimpleCounter written = new SimpleCounter();
    ClickHouseSinkWriter<Reading> writer = writer(target, "readings", written);
    writer.write(new Reading("before-1", ClickHouseValues.dateTime(0), 1), null);
    writer.write(new Reading("before-2", ClickHouseValues.dateTime(0), 2), null);
    assertEquals(2, written.getCount());

    server.close();
    writer.write(new Reading("during-1", ClickHouseValues.dateTime(0), 3), null);
    // The second row fills the batch: the insert fails and the writer blocks, retrying.
    CompletableFuture<Void> blocked =
        CompletableFuture.runAsync(
            () -> {
              try {
                writer.write(new Reading("during-2", ClickHouseValues.dateTime(0), 4), null);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(1_500);
    assertTrue(!blocked.isDone(), "the writer waits for ClickHouse");
    assertEquals(2, written.getCount());

    PrivateClickHouse restarted = PrivateClickHouse.start(privateServerConfig(port), directory);
    try {
      blocked.get(30, TimeUnit.SECONDS);
      writer.flush(true);
      writer.close();
      assertEquals(4, written.getCount());
      try (ClickHouse db = target.connect()) {
        List<JsonNode> rows =
            db.queryRows("SELECT id FROM " + db.table("readings") + " FINAL ORDER BY id");
        assertEquals(
            "[{\"id\":\"before-1\"}, {\"id\":\"before-2\"}, {\"id\":\"during-1\"}, {\"id\":\"during-2\"}]",
            rows.toString());
      }
    } finally {
      restarted.close();
    }
  }

  private static ClickHouseSinkWriter<Reading> writer(
      ClickHouseTarget target, String table, SimpleCounter written) {
    return new ClickHouseSinkWriter<>(
        table,
        RowFormat.fields(Reading.class),
        new SinkSettings(2, Duration.ofSeconds(60), Duration.ofMillis(50), Duration.ofMillis(400)),
        Inserter.clickHouse(target).create(),
        new ClickHouseSinkWriterTest.FakeTime(),
        written,
        new SimpleCounter());
  }

  private static ClickHouseTarget target(ClickHouseConfig config, String url) {
    return ClickHouseTarget.of(config, url);
  }

  private static long count(String table) {
    ClickHouse db = clickhouse.connection();
    return db.queryRows("SELECT count() AS n FROM " + db.table(table) + " FINAL")
        .get(0)
        .get("n")
        .asLong();
  }

  /** Defaults (PAVED_CLICKHOUSE_BINARY honoured, like the extension), on a given port. */
  private static ClickHouseConfig privateServerConfig(int port) {
    String binary = Settings.CLICKHOUSE_BINARY.environmentVariable();
    Map<String, String> environment =
        System.getenv(binary) == null ? Map.of() : Map.of(binary, System.getenv(binary));
    ClickHouseConfig defaults =
        PavedConfig.from(SettingValues.of(environment, Map.of())).clickhouse();
    return new ClickHouseConfig(
        Optional.empty(), defaults.user(), defaults.password(), "outage", defaults.binary(), port);
  }
}
