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
import java.util.Set;

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
   * The tables whose keys' states only grow, so that {@code version} is a function of the key's
   * final state ({@code FactVersion}) and must be the same in every run. In the others a state can
   * shrink (a withdrawn attribution, a replaced run, pruned changes), and then the version depends
   * on the order the key's inputs arrived in, while the content does not.
   */
  static final Set<String> VERSION_BY_STATE = Set.of("change_lead_times", "incidents");

  /**
   * Every column of every table, {@code FINAL}, one JSON object per row: {@code version} only in
   * {@link #VERSION_BY_STATE}; MATERIALIZED columns (the raw table's receipt-order version) never.
   */
  static Map<String, List<String>> rows(ClickHouse db) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (String table : names(db)) {
      List<String> columns = new ArrayList<>();
      db.query(
          "SELECT name FROM system.columns WHERE database = "
              + SqlLiteral.string(db.database())
              + " AND table = "
              + SqlLiteral.string(table)
              + " AND default_kind != 'MATERIALIZED'"
              + (VERSION_BY_STATE.contains(table) ? "" : " AND name != 'version'"),
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
   * Asserts that both databases hold the same tables with the same rows, every column of {@link
   * #rows} included; reports the first row that differs. Returns the row counts, for the test's
   * log.
   */
  static Map<String, Integer> assertSameRows(ClickHouse expected, ClickHouse actual) {
    Map<String, List<String>> want = rows(expected);
    Map<String, List<String>> got = rows(actual);
    assertFalse(want.isEmpty(), "no Paved tables in " + expected.database());
    assertEquals(want.keySet(), got.keySet(), "tables");
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> table : want.entrySet()) {
      List<String> a = table.getValue();
      List<String> b = got.get(table.getKey());
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        assertEquals(a.get(i), b.get(i), table.getKey() + ": row " + i + " differs");
      }
      assertEquals(a.size(), b.size(), table.getKey() + ": rows");
      counts.put(table.getKey(), a.size());
    }
    return counts;
  }
}
