package dev.paved.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.config.ClickHouseConfig;
import dev.paved.config.PavedConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateClickHouseTest {
  private static final ClickHouseConfig DEFAULTS = PavedConfig.defaults().clickhouse();

  @TempDir Path directory;

  @Test
  void aMissingBinarySaysWhatToInstall() {
    ServerStartException e =
        assertThrows(
            ServerStartException.class,
            () -> PrivateClickHouse.findBinary("no-such-clickhouse-server", "/nonexistent"));
    assertEquals(
        "ClickHouse server binary \"no-such-clickhouse-server\" not found (looked in PATH, /usr/sbin"
            + " and /usr/bin). Install it: apt-get install clickhouse-server clickhouse-client"
            + " (Debian/Ubuntu); or set PAVED_CLICKHOUSE_BINARY to its path; or point"
            + " PAVED_CLICKHOUSE_URL at an existing ClickHouse server.",
        e.getMessage());
    assertThrows(
        ServerStartException.class,
        () ->
            PrivateClickHouse.findBinary(directory.resolve("clickhouse-server").toString(), null));
  }

  @Test
  void findsTheBinaryByPathOnPathOrInSbin() throws IOException {
    Path installed = PrivateClickHouse.findBinary("clickhouse-server", "");
    assertTrue(Files.isExecutable(installed), installed.toString());
    assertEquals(installed, PrivateClickHouse.findBinary(installed.toString(), null));

    Path onPath = Files.createDirectory(directory.resolve("bin")).resolve("clickhouse-server");
    Files.createFile(onPath).toFile().setExecutable(true);
    assertEquals(
        onPath,
        PrivateClickHouse.findBinary("clickhouse-server", "/nonexistent:" + onPath.getParent()));
  }

  @Test
  void startsOnFreePortsAndStopsOnClose() throws IOException {
    ProcessHandle process;
    try (PrivateClickHouse server = PrivateClickHouse.start(DEFAULTS, directory);
        ClickHouse connection = ClickHouse.connect(DEFAULTS, server.httpUrl())) {
      assertTrue(connection.ping());
      assertTrue(server.httpUrl().startsWith("http://127.0.0.1:"));
      assertTrue(server.tcpPort() > 0 && server.tcpPort() != server.httpPort());
      assertEquals(
          Long.toString(server.pid()),
          Files.readString(directory.resolve(PrivateClickHouse.PID_FILE)));
      assertTrue(Files.readString(directory.resolve("config.xml")).contains("<yandex>"));
      assertTrue(Files.exists(directory.resolve("log/clickhouse-server.log")));
      process = ProcessHandle.of(server.pid()).orElseThrow();
    }
    assertFalse(process.isAlive());
    assertFalse(Files.exists(directory.resolve(PrivateClickHouse.PID_FILE)));
  }

  @Test
  void usesTheConfiguredPortUserAndPassword() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ClickHouseConfig config =
        new ClickHouseConfig(
            Optional.empty(), "paved_test", "s3cret & <more>", "paved", "clickhouse-server", port);
    try (PrivateClickHouse server = PrivateClickHouse.start(config, directory);
        ClickHouse connection = ClickHouse.connect(config, server.httpUrl())) {
      assertEquals("http://127.0.0.1:" + port, server.httpUrl());
      // 18.16 has no currentUser(); its processes table says who runs this query.
      assertEquals(
          "paved_test",
          connection
              .queryRows("SELECT user FROM system.processes WHERE query LIKE '%whoami-marker%'")
              .get(0)
              .get("user")
              .asText());

      ClickHouseConfig wrongPassword =
          new ClickHouseConfig(
              Optional.empty(), "paved_test", "guess", "paved", "clickhouse-server", port);
      QueryException e =
          assertThrows(
              QueryException.class, () -> ClickHouse.connect(wrongPassword, server.httpUrl()));
      assertTrue(e.getMessage().contains("password"), e.getMessage());
    }
  }

  @Test
  void aServerThatCannotStartFailsWithItsLogTail() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ServerStartException e =
          assertThrows(
              ServerStartException.class,
              () -> PrivateClickHouse.start(withPort(taken.getLocalPort()), directory));
      assertTrue(e.getMessage().startsWith("ClickHouse exited with code "), e.getMessage());
      assertTrue(e.getMessage().contains("Address already in use"), e.getMessage());
    }
  }

  @Test
  void stopsAServerThatACrashedLauncherLeftInTheSameDirectory() throws IOException {
    // The first launcher "crashes": it never closes its server, whose pid file stays.
    PrivateClickHouse abandoned = PrivateClickHouse.start(DEFAULTS, directory);
    ProcessHandle stale = ProcessHandle.of(abandoned.pid()).orElseThrow();
    try (PrivateClickHouse server = PrivateClickHouse.start(DEFAULTS, directory);
        ClickHouse connection = ClickHouse.connect(DEFAULTS, server.httpUrl())) {
      assertFalse(stale.isAlive());
      assertTrue(connection.ping());
      abandoned.close();
      assertEquals(
          Long.toString(server.pid()),
          Files.readString(directory.resolve(PrivateClickHouse.PID_FILE)));
    }
  }

  @Test
  void leavesAnUnrelatedProcessNamedInAStalePidFileAlone() throws IOException {
    Files.writeString(
        directory.resolve(PrivateClickHouse.PID_FILE),
        Long.toString(ProcessHandle.current().pid()));
    try (PrivateClickHouse server = PrivateClickHouse.start(DEFAULTS, directory)) {
      assertTrue(ProcessHandle.current().isAlive());
      assertEquals(
          Long.toString(server.pid()),
          Files.readString(directory.resolve(PrivateClickHouse.PID_FILE)));
    }
  }

  private static ClickHouseConfig withPort(int port) {
    return new ClickHouseConfig(
        Optional.empty(),
        DEFAULTS.user(),
        DEFAULTS.password(),
        DEFAULTS.database(),
        DEFAULTS.binary(),
        port);
  }
}
