package dev.paved.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

  @Test
  void splitsAtSemicolonsAndSkipsEmptyStatements() {
    assertEquals(
        List.of("SELECT 1", "SELECT 2"), SqlScript.statements("SELECT 1;\n\n  SELECT 2 ;\n;\n"));
  }

  @Test
  void keepsSemicolonsInsideQuotes() {
    String script =
        "SELECT 'a;b', \"c;d\", `e;f`; SELECT 'it\\'s;', 'it''s;' ; SELECT '\\\\'; SELECT 3";
    assertEquals(
        List.of(
            "SELECT 'a;b', \"c;d\", `e;f`",
            "SELECT 'it\\'s;', 'it''s;'",
            "SELECT '\\\\'",
            "SELECT 3"),
        SqlScript.statements(script));
  }

  @Test
  void dropsCommentsButNotCommentMarkersInQuotes() {
    String script =
        "-- header; not a statement\n"
            + "SELECT 1, -- trailing; comment\n"
            + "  '--not a comment;' /* block; comment */ AS x;\n"
            + "/* only a comment; */\n";
    assertEquals(List.of("SELECT 1, \n  '--not a comment;'   AS x"), SqlScript.statements(script));
  }

  @Test
  void rejectsUnterminatedQuotesAndComments() {
    assertThrows(IllegalArgumentException.class, () -> SqlScript.statements("SELECT 'open;"));
    assertThrows(IllegalArgumentException.class, () -> SqlScript.statements("SELECT 1 /* open"));
  }
}
