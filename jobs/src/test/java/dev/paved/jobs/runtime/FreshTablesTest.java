package dev.paved.jobs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.SqlLiteral;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A backfill's shadow tables against a real private ClickHouse: the swap and the failure. */
@Timeout(60)
class FreshTablesTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final String DDL =
      "CREATE TABLE %s (id String, status String, version UInt64)"
          + " ENGINE = ReplacingMergeTree(version) ORDER BY id";

  /** The sink tables asked for; the sinks themselves are never run here. */
  private final List<String> asked = new ArrayList<>();

  private final Tables written =
      new Tables() {
        @Override
        public <T> Sink<T> sink(String table, Class<T> rowType) {
          asked.add(table);
          return new DiscardingSink<>();
        }
      };

  @Test
  void aSucceededJobReplacesEachShadowedTableWithWhatItWrote() throws Exception {
    ClickHouse db = clickhouse.connection();
    db.execute(DDL.formatted(db.table("facts")));
    db.execute(DDL.formatted(db.table("raw")));
    // A stale row with a higher version than the job's, and a key the job no longer produces.
    db.execute("INSERT INTO " + db.table("facts") + " VALUES ('a', 'stale', 99), ('gone', 'x', 1)");
    db.execute("INSERT INTO " + db.table("raw") + " VALUES ('r-old', 'kept', 1)");
    // What a crashed earlier run left behind.
    db.execute(DDL.formatted(db.table("facts__backfill")));
    db.execute("INSERT INTO " + db.table("facts__backfill") + " VALUES ('junk', 'x', 1)");
    db.execute(DDL.formatted(db.table("facts__old")));

    FreshTables fresh = new FreshTables(target(), written, Set.of("raw"));
    fresh.sink("facts", Row.class);
    fresh.sink("raw", Row.class);
    assertEquals(List.of("facts__backfill", "raw"), asked);
    assertEquals(List.of("facts"), fresh.shadowed());

    String result =
        fresh.replace(
            () -> {
              db.execute(
                  "INSERT INTO " + db.table("facts__backfill") + " VALUES ('a', 'replayed', 1)");
              db.execute("INSERT INTO " + db.table("raw") + " VALUES ('r-new', 'added', 1)");
              return "done";
            });

    assertEquals("done", result);
    assertEquals("[a replayed 1]", rows(db, "facts"));
    assertEquals("[r-new added 1, r-old kept 1]", rows(db, "raw"));
    assertEquals("[facts]", tables(db, "facts"));
  }

  @Test
  void aFailedJobLeavesTheLiveTablesUntouchedAndDropsTheShadows() throws Exception {
    ClickHouse db = clickhouse.connection();
    db.execute(DDL.formatted(db.table("kept")));
    db.execute(DDL.formatted(db.table("kept_too")));
    db.execute("INSERT INTO " + db.table("kept") + " VALUES ('a', 'live', 7)");
    FreshTables fresh = new FreshTables(target(), written, Set.of());
    fresh.sink("kept", Row.class);
    fresh.sink("kept_too", Row.class);
    IllegalStateException failure = new IllegalStateException("the job failed");

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                fresh.replace(
                    () -> {
                      db.execute(
                          "INSERT INTO "
                              + db.table("kept__backfill")
                              + " VALUES ('b', 'partial', 1)");
                      throw failure;
                    }));

    assertSame(failure, thrown);
    assertEquals("[a live 7]", rows(db, "kept"));
    assertEquals("[]", rows(db, "kept_too"));
    assertEquals("[kept, kept_too]", tables(db, "kept"));
  }

  @Test
  void aMissingLiveTableFailsBeforeTheJobRuns() {
    ClickHouse db = clickhouse.connection();
    db.execute(DDL.formatted(db.table("present")));
    FreshTables fresh = new FreshTables(target(), written, Set.of());
    fresh.sink("present", Row.class);
    fresh.sink("absent", Row.class);
    List<String> ran = new ArrayList<>();

    assertThrows(RuntimeException.class, () -> fresh.replace(() -> ran.add("job")));

    assertEquals(List.of(), ran);
    assertEquals("[present]", tables(db, "present"));
  }

  /** A row of the test tables. */
  public record Row(String id, String status, long version) {}

  private static ClickHouseTarget target() {
    return ClickHouseTarget.of(clickhouse.config(), clickhouse.httpUrl());
  }

  private static String rows(ClickHouse db, String table) {
    return db
        .queryRows("SELECT id, status, version FROM " + db.table(table) + " FINAL ORDER BY id")
        .stream()
        .map(
            row ->
                row.get("id").asText()
                    + " "
                    + row.get("status").asText()
                    + " "
                    + row.get("version").asLong())
        .toList()
        .toString();
  }

  /** The tables of the test database whose names start with {@code prefix}. */
  private static String tables(ClickHouse db, String prefix) {
    return db
        .queryRows(
            "SELECT name FROM system.tables WHERE database = "
                + SqlLiteral.string(db.database())
                + " AND name LIKE "
                + SqlLiteral.string(prefix + "%")
                + " ORDER BY name")
        .stream()
        .map(row -> row.get("name").asText())
        .toList()
        .toString();
  }
}
