package dev.paved.clickhouse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at {@code ;}, since ClickHouse's HTTP interface runs one
 * statement per request. Semicolons inside quotes ({@code '...'}, {@code "..."}, {@code `...`},
 * with backslash escapes or doubled quotes) and in comments ({@code --} to the end of the line, and
 * block comments) do not split. Comments are dropped; each statement is trimmed, and empty ones are
 * skipped.
 */
final class SqlScript {
  private SqlScript() {}

  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    while (i < script.length()) {
      char c = script.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = endOfQuoted(script, i);
        current.append(script, i, end);
        i = end;
      } else if (script.startsWith("--", i)) {
        int newline = script.indexOf('\n', i);
        i = newline < 0 ? script.length() : newline;
      } else if (script.startsWith("/*", i)) {
        int close = script.indexOf("*/", i + 2);
        if (close < 0) {
          throw new IllegalArgumentException("unterminated /* comment at offset " + i);
        }
        current.append(' ');
        i = close + 2;
      } else if (c == ';') {
        add(statements, current);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    add(statements, current);
    return statements;
  }

  /** The index just past the quote that closes the one at {@code start}. */
  private static int endOfQuoted(String script, int start) {
    char quote = script.charAt(start);
    int i = start + 1;
    while (i < script.length()) {
      char c = script.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    throw new IllegalArgumentException(
        "unterminated " + quote + " quote starting at offset " + start);
  }

  private static void add(List<String> statements, StringBuilder current) {
    String statement = current.toString().strip();
    if (!statement.isEmpty()) {
      statements.add(statement);
    }
    current.setLength(0);
  }
}
