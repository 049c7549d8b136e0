package dev.paved.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationsTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final String TEST_SETS = "dev/paved/clickhouse/migrations/";

  @Test
  void theListNamesExactlyTheSqlFilesOfTheMigrationsFolder() throws IOException {
    // Surefire runs in the module's folder, where sql/migrations is just "migrations".
    Path folder = Path.of("migrations");
    assertTrue(Files.isDirectory(folder), folder.toAbsolutePath() + " is missing");
    List<String> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files =
          listing
              .map(path -> path.getFileName().toString())
              .filter(name -> name.endsWith(".sql"))
              .sorted()
              .toList();
    }
    List<String> applied =
        Migrations.fromClasspath().migrations().stream().map(Migration::fileName).toList();
    assertEquals(
        files,
        applied,
        "every .sql file in sql/migrations must be named in sql/migrations/migrations.list, in"
            + " version order, or it would never be applied");
  }

  @Test
  void theExtensionsDatabaseIsUpToDate() {
    assertEquals(List.of(), Migrations.fromClasspath().apply(clickhouse.connection()));
  }

  @Test
  void applyingTwiceChangesNothing() {
    ClickHouse connection = clickhouse.connect(clickhouse.freshDatabaseName("twice"));
    Migrations migrations = Migrations.fromClasspath();

    assertEquals(migrations.migrations(), migrations.apply(connection));
    List<JsonNode> tables = tables(connection);
    List<JsonNode> records = records(connection);
    assertEquals(migrations.migrations().size(), records.size());

    assertEquals(List.of(), migrations.apply(connection));
    assertEquals(tables, tables(connection));
    assertEquals(records, records(connection));
  }

  @Test
  void recordsVersionNameAndChecksum() {
    ClickHouse connection = clickhouse.connect(clickhouse.freshDatabaseName("records"));
    Migrations migrations = Migrations.fromClasspath(TEST_SETS + "two");
    migrations.apply(connection);

    List<JsonNode> records = records(connection);
    assertEquals(2, records.size());
    for (int i = 0; i < 2; i++) {
      Migration migration = migrations.migrations().get(i);
      assertEquals(migration.version(), records.get(i).get("version").asInt());
      assertEquals(migration.fileName(), records.get(i).get("name").asText());
      assertEquals(migration.checksum(), records.get(i).get("checksum").asText());
      assertEquals(64, migration.checksum().length());
    }
  }

  @Test
  void aFailingStatementStopsWithTheFileTheStatementAndTheServersMessage() {
    ClickHouse connection = clickhouse.connect(clickhouse.freshDatabaseName("broken"));

    MigrationException e =
        assertThrows(
            MigrationException.class,
            () -> Migrations.fromClasspath(TEST_SETS + "broken").apply(connection));
    String message = e.getMessage();
    assertTrue(message.contains("Migration 002_gadgets.sql"), message);
    assertTrue(message.contains("failed at statement 2 of 2"), message);
    assertTrue(message.contains("gizmos (id NoSuchType)"), message);
    assertTrue(message.contains("NoSuchType"), message);
    assertTrue(message.contains("DB::Exception"), message);

    // 001 is recorded, 002 is not, although its first statement ran.
    assertEquals(List.of(1), versions(connection));
    assertTrue(tableNames(connection).contains("gadgets"));

    // Fixed, it applies: its first statement runs again, harmlessly.
    List<Migration> applied = Migrations.fromClasspath(TEST_SETS + "fixed").apply(connection);
    assertEquals(List.of("002_gadgets.sql"), applied.stream().map(Migration::fileName).toList());
    assertEquals(List.of(1, 2), versions(connection));
    assertTrue(tableNames(connection).contains("gizmos"));
  }

  @Test
  void aChangedAppliedMigrationFailsLoudlyBeforeAnythingRuns() {
    ClickHouse connection = clickhouse.connect(clickhouse.freshDatabaseName("changed"));
    Migrations before = Migrations.fromClasspath(TEST_SETS + "changed-before");
    Migrations after = Migrations.fromClasspath(TEST_SETS + "changed-after");
    before.apply(connection);
    assertNotEquals(before.migrations().get(0).checksum(), after.migrations().get(0).checksum());

    MigrationException e = assertThrows(MigrationException.class, () -> after.apply(connection));
    assertTrue(
        e.getMessage().startsWith("Migration 001_widgets.sql has changed since it was applied"),
        e.getMessage());
    assertTrue(e.getMessage().contains(before.migrations().get(0).checksum()), e.getMessage());
    assertTrue(e.getMessage().contains(after.migrations().get(0).checksum()), e.getMessage());
  }

  @Test
  void anAppliedMigrationThisBuildLacksFails() {
    ClickHouse connection = clickhouse.connect(clickhouse.freshDatabaseName("newer"));
    Migrations.fromClasspath(TEST_SETS + "two").apply(connection);

    MigrationException e =
        assertThrows(
            MigrationException.class,
            () -> Migrations.fromClasspath(TEST_SETS + "changed-before").apply(connection));
    assertTrue(e.getMessage().contains("has migration 002_gadgets.sql applied"), e.getMessage());
  }

  @Test
  void theListMustBeInVersionOrder() {
    MigrationException e =
        assertThrows(
            MigrationException.class, () -> Migrations.fromClasspath(TEST_SETS + "out-of-order"));
    assertTrue(
        e.getMessage().contains("001_widgets.sql comes after 002_gadgets.sql"), e.getMessage());
  }

  @Test
  void aMissingListOrFileIsNamed() {
    MigrationException e =
        assertThrows(
            MigrationException.class, () -> Migrations.fromClasspath(TEST_SETS + "no-such-set"));
    assertEquals(
        "classpath:" + TEST_SETS + "no-such-set/migrations.list not found", e.getMessage());
  }

  @Test
  void fileNamesAndPlaceholdersAreChecked() {
    assertEquals(7, Migration.of("007_add_things.sql", "SELECT 1").version());
    for (String bad : List.of("7_x.sql", "007-x.sql", "007_X.sql", "007_x.SQL", "007_.sql")) {
      assertThrows(MigrationException.class, () -> Migration.of(bad, "SELECT 1"), bad);
    }
    MigrationException e =
        assertThrows(
            MigrationException.class,
            () -> Migration.of("001_x.sql", "CREATE TABLE ${databse}.t (x UInt8) ENGINE = Log"));
    assertEquals("001_x.sql: unknown placeholder ${databse} (only ${database})", e.getMessage());
  }

  @Test
  void thePlaceholderBecomesTheQuotedDatabase() {
    Migration migration =
        Migration.of(
            "001_x.sql", "CREATE TABLE IF NOT EXISTS ${database}.t (x UInt8) ENGINE = Log;");
    assertEquals(
        List.of("CREATE TABLE IF NOT EXISTS `paved`.t (x UInt8) ENGINE = Log"),
        migration.statements("paved"));
  }

  @Test
  void lineEndingsDoNotChangeTheChecksum() {
    assertEquals(
        Migration.of("001_x.sql", "SELECT 1;\nSELECT 2;\n").checksum(),
        Migration.of("001_x.sql", "SELECT 1;\r\nSELECT 2;\r\n").checksum());
  }

  private static List<JsonNode> tables(ClickHouse connection) {
    return connection.queryRows(
        "SELECT name, engine, create_table_query FROM system.tables WHERE database = "
            + SqlLiteral.string(connection.database())
            + " ORDER BY name");
  }

  private static List<String> tableNames(ClickHouse connection) {
    return tables(connection).stream().map(row -> row.get("name").asText()).toList();
  }

  private static List<JsonNode> records(ClickHouse connection) {
    return connection.queryRows(
        "SELECT version, name, checksum, toString(applied_at) AS applied_at FROM "
            + connection.table(Migrations.TABLE)
            + " FINAL ORDER BY version");
  }

  private static List<Integer> versions(ClickHouse connection) {
    return records(connection).stream().map(row -> row.get("version").asInt()).toList();
  }
}
