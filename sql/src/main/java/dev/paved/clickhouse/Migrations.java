package dev.paved.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema up to date by applying the versioned migration files that this build
 * ships, in order, each once.
 *
 * <p>The files are found through the {@code migrations.list} beside them, which names every file in
 * order. Listing a classpath folder works for a directory and for a plain jar but not for every way
 * Paved may be packaged (shaded jars without folder entries, nested jars); reading one named
 * resource works for all of them. A test checks that the list names exactly the {@code .sql} files
 * of {@code sql/migrations}.
 *
 * <p>Applied migrations are recorded in {@code schema_migrations} of the database, which is created
 * first. One runner at a time: Paved applies migrations once at start-up.
 */
public final class Migrations {
  /** Where the build puts {@code sql/migrations}. */
  public static final String CLASSPATH_LOCATION = "dev/paved/sql/migrations/";

  static final String LIST = "migrations.list";
  static final String TABLE = "schema_migrations";

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private final String location;
  private final List<Migration> migrations;

  private Migrations(String location, List<Migration> migrations) {
    this.location = location;
    this.migrations = List.copyOf(migrations);
  }

  /** Paved's migrations. */
  public static Migrations fromClasspath() {
    return fromClasspath(CLASSPATH_LOCATION);
  }

  /**
   * The migrations listed in {@code location + "migrations.list"} on the classpath: one file name
   * per line, in increasing version order; blank lines and lines starting with {@code #} are
   * ignored.
   */
  public static Migrations fromClasspath(String location) {
    String folder = location.endsWith("/") ? location : location + "/";
    List<Migration> migrations = new ArrayList<>();
    for (String line : read(folder, LIST).split("\\R")) {
      String fileName = line.strip();
      if (fileName.isEmpty() || fileName.startsWith("#")) {
        continue;
      }
      if (!Migration.FILE_NAME.matcher(fileName).matches()) {
        throw new MigrationException(
            "classpath:"
                + folder
                + LIST
                + ": \""
                + fileName
                + "\" is not a migration file name (NNN_lowercase_words.sql)");
      }
      Migration migration = Migration.of(fileName, read(folder, fileName));
      if (!migrations.isEmpty()) {
        Migration last = migrations.get(migrations.size() - 1);
        if (migration.version() <= last.version()) {
          throw new MigrationException(
              "classpath:"
                  + folder
                  + LIST
                  + ": versions must increase down the list, each used once, but "
                  + fileName
                  + " comes after "
                  + last.fileName());
        }
      }
      migrations.add(migration);
    }
    return new Migrations(folder, migrations);
  }

  /** Every migration, in version order. */
  public List<Migration> migrations() {
    return migrations;
  }

  /**
   * Creates the database and {@code schema_migrations} if needed, then applies each migration not
   * yet recorded there, recording it after its last statement succeeded. Fails before changing
   * anything if an applied migration's file has changed or is unknown to this build.
   *
   * @return the migrations applied now (empty when the schema was up to date)
   */
  public List<Migration> apply(ClickHouse clickhouse) {
    String database = SqlLiteral.identifier(clickhouse.database());
    String table = clickhouse.table(TABLE);
    clickhouse.execute("CREATE DATABASE IF NOT EXISTS " + database);
    clickhouse.execute(
        "CREATE TABLE IF NOT EXISTS "
            + table
            + " (version UInt32, name String, checksum String, applied_at DateTime('UTC'))"
            // Replacing: should two runners ever record the same version, FINAL shows one row.
            + " ENGINE = ReplacingMergeTree ORDER BY version");

    Map<Integer, Migration> known = new HashMap<>();
    migrations.forEach(m -> known.put(m.version(), m));
    Set<Integer> applied = new HashSet<>();
    for (JsonNode row :
        clickhouse.queryRows("SELECT version, name, checksum FROM " + table + " FINAL")) {
      int version = row.get("version").asInt();
      checkUnchanged(row, known.get(version), clickhouse.database());
      applied.add(version);
    }

    List<Migration> appliedNow = new ArrayList<>();
    for (Migration migration : migrations) {
      if (!applied.contains(migration.version())) {
        run(clickhouse, migration);
        clickhouse.execute(
            "INSERT INTO "
                + table
                + " (version, name, checksum, applied_at) VALUES ("
                + SqlLiteral.integer(migration.version())
                + ", "
                + SqlLiteral.string(migration.fileName())
                + ", "
                + SqlLiteral.string(migration.checksum())
                + ", now())");
        LOG.info("Applied migration {} to database {}", migration.fileName(), database);
        appliedNow.add(migration);
      }
    }
    return appliedNow;
  }

  private void checkUnchanged(JsonNode row, Migration file, String database) {
    String name = row.get("name").asText();
    if (file == null) {
      throw new MigrationException(
          "Database "
              + database
              + " has migration "
              + name
              + " applied, which this build does not have (classpath:"
              + location
              + "): is an older Paved running against a newer schema?");
    }
    if (!file.fileName().equals(name) || !file.checksum().equals(row.get("checksum").asText())) {
      throw new MigrationException(
          "Migration "
              + file.fileName()
              + " has changed since it was applied to database "
              + database
              + (file.fileName().equals(name) ? "" : " as " + name)
              + " (SHA-256 then "
              + row.get("checksum").asText()
              + ", now "
              + file.checksum()
              + "). An applied migration must never change: restore it and put the change"
              + " in a new migration.");
    }
  }

  private void run(ClickHouse clickhouse, Migration migration) {
    List<String> statements = migration.statements(clickhouse.database());
    for (int i = 0; i < statements.size(); i++) {
      try {
        clickhouse.execute(statements.get(i));
      } catch (QueryException e) {
        throw new MigrationException(
            "Migration "
                + migration.fileName()
                + " (classpath:"
                + location
                + ") failed at statement "
                + (i + 1)
                + " of "
                + statements.size()
                + " and was not recorded; the statements before it stay applied. "
                + e.getMessage(),
            e);
      }
    }
  }

  private static String read(String folder, String fileName) {
    String resource = folder + fileName;
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new MigrationException("classpath:" + resource + " not found");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath:" + resource, e);
    }
  }
}
