package dev.paved.clickhouse.testing;

import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.Migrations;
import dev.paved.clickhouse.PrivateClickHouse;
import dev.paved.config.ClickHouseConfig;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One private ClickHouse server per test class, in a temporary directory on free ports, and a
 * database of the class's own with Paved's migrations applied:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();
 * ...
 * clickhouse.connection().queryRows("SELECT count() AS n FROM " + clickhouse.connection().table("events"));
 * </pre>
 *
 * The server is stopped and its directory deleted after the class's last test.
 */
public final class PrivateClickHouseExtension implements BeforeAllCallback, AfterAllCallback {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final List<ClickHouse> connections = new ArrayList<>();
  private Path directory;
  private PrivateClickHouse server;
  private ClickHouseConfig config;
  private ClickHouse connection;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    directory = Files.createTempDirectory("paved-clickhouse-");
    // Defaults, but PAVED_CLICKHOUSE_BINARY may pick another ClickHouse version to test against.
    String binary = Settings.CLICKHOUSE_BINARY.environmentVariable();
    Map<String, String> environment =
        System.getenv(binary) == null ? Map.of() : Map.of(binary, System.getenv(binary));
    ClickHouseConfig defaults =
        PavedConfig.from(SettingValues.of(environment, Map.of())).clickhouse();
    server = PrivateClickHouse.start(defaults, directory);
    config = defaults.withUrl(server.httpUrl()).withDatabase(freshDatabaseName(context));
    connection = connect(config.database());
    Migrations.fromClasspath().apply(connection);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    connections.forEach(ClickHouse::close);
    connections.clear();
    if (server != null) {
      server.close();
    }
    if (directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  /** Connected to the class's database, with the migrations applied. */
  public ClickHouse connection() {
    return require(connection);
  }

  /** Points at the server and the class's database, as Paved's components take it. */
  public ClickHouseConfig config() {
    return require(config);
  }

  public String httpUrl() {
    return require(server).httpUrl();
  }

  public PrivateClickHouse server() {
    return require(server);
  }

  /**
   * A connection to {@code database} on the same server, which need not exist yet: nothing is
   * created or migrated. Closed after the class.
   */
  public ClickHouse connect(String database) {
    ClickHouse connection = ClickHouse.connect(require(config).withDatabase(database), httpUrl());
    connections.add(connection);
    return connection;
  }

  /** A database name not used before on this server, for a test that needs its own. */
  public String freshDatabaseName(String hint) {
    String clean = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return "test_"
        + clean.substring(0, Math.min(clean.length(), 40))
        + "_"
        + DATABASES.incrementAndGet();
  }

  private String freshDatabaseName(ExtensionContext context) {
    return freshDatabaseName(context.getRequiredTestClass().getSimpleName());
  }

  private static <T> T require(T value) {
    if (value == null) {
      throw new IllegalStateException(
          "PrivateClickHouseExtension is not started: register it with @RegisterExtension on a"
              + " static field");
    }
    return value;
  }
}
