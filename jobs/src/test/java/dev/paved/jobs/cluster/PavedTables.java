package dev.paved.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.SqlLiteral;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Every Paved table of a database (each a ReplacingMergeTree keyed by id), to compare two runs. */
final class PavedTables {
  private PavedTables() {}

  /**
   * The Paved tables of {@code db}: every ReplacingMergeTree keyed by an {@code id} (so not {@code
   * schema_migrations}).
   */
  static List<String> names(ClickHouse db) {
    List<String> names = new ArrayList<>();
    for (JsonNode row :
        db.queryRows(
            "SELECT name FROM system.tables WHERE database = "
                + SqlLiteral.string(db.database())
                + " AND engine LIKE '%ReplacingMergeTree' AND name IN (SELECT table FROM"
                + " system.columns WHERE database = "
                + SqlLiteral.string(db.database())
                + " AND name = 'id') ORDER BY name")) {
      names.add(row.get("name").asText());
    }
    return names;
  }

  /**
   * The deviation cluster tables hold refreshes: compared as of the latest refresh only, without
   * what depends on when refreshes ran (the refresh number, cluster ids born in earlier refreshes,
   * ranks among ties): clusters by their content, memberships as sets of deviations.
   */
  private static final Map<String, Function<ClickHouse, String>> SNAPSHOTS =
      Map.of(
          "deviation_refreshes",
          db ->
              "SELECT clusters, active_deviations, clock, clock_ms FROM "
                  + db.table("deviation_refreshes")
                  + " FINAL ORDER BY refresh DESC LIMIT 1",
          "deviation_clusters",
          db ->
              "SELECT component, golden_path, replacements, deviations, teams, services,"
                  + " team_names, terms, first_seen, first_seen_ms, growth_30d, widen_candidate"
                  + " FROM "
                  + db.table("deviation_clusters")
                  + " FINAL WHERE refresh = "
                  + latestRefresh(db)
                  + " ORDER BY component, golden_path, team_names, replacements",
          "deviation_cluster_members",
          db ->
              "SELECT arraySort(groupArray(deviation)) AS members FROM "
                  + db.table("deviation_cluster_members")
                  + " FINAL WHERE refresh = "
                  + latestRefresh(db)
                  + " GROUP BY cluster_id ORDER BY members");

  private static String latestRefresh(ClickHouse db) {
    return "(SELECT max(refresh) FROM " + db.table("deviation_refreshes") + ")";
  }

  /**
   * Every column but {@code version} of every table, {@code FINAL}, one JSON object per row. The
   * version only orders a row's emissions: with parallel operators a key may receive the same
   * events in another order and bump it a different number of times, while the row's content is the
   * same.
   */
  static Map<String, List<String>> rows(ClickHouse db) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (String table : names(db)) {
      if (SNAPSHOTS.containsKey(table)) {
        List<String> rows = new ArrayList<>();
        db.query(SNAPSHOTS.get(table).apply(db), row -> rows.add(row.toString()));
        tables.put(table, rows);
        continue;
      }
      List<String> columns = new ArrayList<>();
      db.query(
          "SELECT name FROM system.columns WHERE database = "
              + SqlLiteral.string(db.database())
              + " AND table = "
              + SqlLiteral.string(table)
              + " AND name != 'version' AND default_kind != 'MATERIALIZED'",
          column -> columns.add(SqlLiteral.identifier(column.get("name").asText())));
      List<String> rows = new ArrayList<>();
      db.query(
          "SELECT "
              + String.join(", ", columns)
              + " FROM "
              + db.table(table)
              + " FINAL ORDER BY id",
          row -> rows.add(row.toString()));
      tables.put(table, rows);
    }
    return tables;
  }

  /**
   * Asserts that both databases hold the same tables with the same rows, every column but the
   * version included; reports, for every table that differs, its first differing row (so one
   * table's difference does not hide another's). Returns the row counts, for the test's log.
   */
  static Map<String, Integer> assertSameRows(ClickHouse expected, ClickHouse actual) {
    Map<String, List<String>> want = rows(expected);
    Map<String, List<String>> got = rows(actual);
    assertFalse(want.isEmpty(), "no Paved tables in " + expected.database());
    assertEquals(want.keySet(), got.keySet(), "tables");
    Map<String, Integer> counts = new LinkedHashMap<>();
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, List<String>> table : want.entrySet()) {
      List<String> a = table.getValue();
      List<String> b = got.get(table.getKey());
      counts.put(table.getKey(), a.size());
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        String left = i < a.size() ? a.get(i) : "(none)";
        String right = i < b.size() ? b.get(i) : "(none)";
        if (!left.equals(right)) {
          differences.add(
              table.getKey() + ": row " + i + " differs: expected " + left + " but was " + right);
          break;
        }
      }
    }
    assertEquals(List.of(), differences, "rows per table " + counts);
    return counts;
  }
}
