package dev.paved.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Rows as CSV (RFC 4180): a header line, then one line per row, CRLF line ends, every field that
 * holds a comma, a double quote or a line break quoted with its quotes doubled. A missing or null
 * value is an empty field; a list or object is its JSON text (e.g. {@code ["a","b"]}).
 */
public final class Csv {
  public static final String CONTENT_TYPE = "text/csv; charset=utf-8; header=present";

  private Csv() {}

  public static String write(List<String> columns, List<? extends JsonNode> rows) {
    StringBuilder out = new StringBuilder();
    line(out, columns.stream().map(Csv::quote).toList());
    for (JsonNode row : rows) {
      line(out, columns.stream().map(column -> quote(text(row.get(column)))).toList());
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> fields) {
    out.append(String.join(",", fields)).append("\r\n");
  }

  static String text(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    if (value.isContainerNode()) {
      return value.toString();
    }
    return value.asText();
  }

  static String quote(String field) {
    boolean needsQuotes =
        field.indexOf(',') >= 0
            || field.indexOf('"') >= 0
            || field.indexOf('\n') >= 0
            || field.indexOf('\r') >= 0;
    return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }
}
