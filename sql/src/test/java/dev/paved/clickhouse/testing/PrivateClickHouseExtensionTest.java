package dev.paved.clickhouse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.paved.clickhouse.ClickHouse;
import dev.paved.config.ClickHouseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs a test class that uses the extension, then checks what it leaves behind: nothing. */
class PrivateClickHouseExtensionTest {

  @Test
  void startsOneServerForTheClassAndStopsItAfterwards() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(UsesClickHouse.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    assertEquals(UsesClickHouse.pids[0], UsesClickHouse.pids[1], "one server for the class");
    assertFalse(
        ProcessHandle.of(UsesClickHouse.pids[0]).map(ProcessHandle::isAlive).orElse(false),
        "the server process is gone");
    assertFalse(Files.exists(UsesClickHouse.directory), "its directory is deleted");
  }

  /** Not run by Surefire itself (a nested class); run above through the test kit. */
  static class UsesClickHouse {
    @RegisterExtension
    static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

    static final long[] pids = new long[2];
    static Path directory;

    @Test
    void connectionIsMigrated() {
      ClickHouse connection = clickhouse.connection();
      assertTrue(connection.ping());
      assertEquals(
          0,
          connection
              .queryRows("SELECT count() AS n FROM " + connection.table("events"))
              .get(0)
              .get("n")
              .asInt());
      pids[0] = clickhouse.server().pid();
      directory = clickhouse.server().directory();
    }

    @Test
    void configPointsAtTheSameServerAndDatabase() {
      ClickHouseConfig config = clickhouse.config();
      assertEquals(clickhouse.httpUrl(), config.url().orElseThrow());
      assertEquals(clickhouse.connection().database(), config.database());
      try (ClickHouse own = ClickHouse.connect(config, config.url().orElseThrow())) {
        assertTrue(own.ping());
      }
      pids[1] = clickhouse.server().pid();
    }
  }
}
