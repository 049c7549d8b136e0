package dev.paved.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The OpenAPI document as one readable HTML page: every path with its parameters (type, allowed
 * values, default), its row fields and its answers. Rendered on the server from the document
 * itself, with inline styles and no script, so it needs nothing from the network.
 */
public final class DocsPage {
  private DocsPage() {}

  public static String render(JsonNode openapi) {
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(escape(openapi.path("info").path("title").asText()))
        .append("</title><style>")
        .append(
            "body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:2rem auto;"
                + "padding:0 1rem;color:#1b1f24}"
                + "h1{margin-bottom:.2rem}h2{margin-top:2.5rem;border-top:1px solid #d0d7de;"
                + "padding-top:1rem;font-family:ui-monospace,monospace;font-size:1.15rem}"
                + "code,.mono{font-family:ui-monospace,monospace;font-size:.9em}"
                + ".get{background:#0969da;color:#fff;border-radius:4px;padding:.1rem .4rem;"
                + "margin-right:.5rem}.public{color:#1a7f37;font-size:.85em;margin-left:.5rem}"
                + "table{border-collapse:collapse;width:100%;margin:.5rem 0}"
                + "th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;"
                + "vertical-align:top}th{background:#f6f8fa}"
                + "nav a{margin-right:1rem;font-family:ui-monospace,monospace}")
        .append("</style></head><body>\n<h1>")
        .append(escape(openapi.path("info").path("title").asText()))
        .append(" <small>v")
        .append(escape(openapi.path("info").path("version").asText()))
        .append("</small></h1>\n<p>")
        .append(prose(openapi.path("info").path("description").asText()))
        .append("</p>\n<p>Machine-readable: <a href=\"")
        .append(OpenApiDocument.PATH)
        .append("\"><code>")
        .append(OpenApiDocument.PATH)
        .append("</code></a> (OpenAPI ")
        .append(escape(openapi.path("openapi").asText()))
        .append(").</p>\n<nav>");
    openapi
        .path("paths")
        .fieldNames()
        .forEachRemaining(
            path ->
                html.append("<a href=\"#")
                    .append(anchor(path))
                    .append("\">")
                    .append(escape(path))
                    .append("</a> "));
    html.append("</nav>\n");
    for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      JsonNode get = path.getValue().path("get");
      html.append("<h2 id=\"")
          .append(anchor(path.getKey()))
          .append("\"><span class=\"get\">GET</span>")
          .append(escape(path.getKey()));
      if (get.has("security") && get.path("security").isEmpty()) {
        html.append("<span class=\"public\">public</span>");
      }
      html.append("</h2>\n<p><strong>")
          .append(escape(get.path("summary").asText()))
          .append("</strong></p>\n");
      if (get.has("description")) {
        html.append("<p>").append(prose(get.path("description").asText())).append("</p>\n");
      }
      parameters(html, get.path("parameters"));
      JsonNode envelope =
          get.path("responses").path("200").path("content").path("application/json").path("schema");
      JsonNode row = envelope.path("properties").path("rows").path("items");
      if (row.has("properties")) {
        html.append(
            "<h3>Row fields</h3>\n<table><tr><th>field</th><th>type</th><th>meaning</th></tr>");
        row.path("properties")
            .fields()
            .forEachRemaining(
                field ->
                    html.append("<tr><td class=\"mono\">")
                        .append(escape(field.getKey()))
                        .append("</td><td class=\"mono\">")
                        .append(escape(type(field.getValue())))
                        .append("</td><td>")
                        .append(escape(field.getValue().path("description").asText()))
                        .append("</td></tr>"));
        html.append("</table>\n");
      }
      html.append("<h3>Answers</h3>\n<ul>");
      get.path("responses")
          .fields()
          .forEachRemaining(
              response ->
                  html.append("<li><code>")
                      .append(escape(response.getKey()))
                      .append("</code> ")
                      .append(escape(response.getValue().path("description").asText()))
                      .append("</li>"));
      html.append("</ul>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  private static void parameters(StringBuilder html, JsonNode parameters) {
    if (parameters.isEmpty()) {
      return;
    }
    html.append(
        "<h3>Query parameters</h3>\n<table><tr><th>name</th><th>type</th><th>default</th>"
            + "<th>meaning</th></tr>");
    for (JsonNode p : parameters) {
      JsonNode schema = p.path("schema");
      html.append("<tr><td class=\"mono\">")
          .append(escape(p.path("name").asText()))
          .append(p.path("explode").asBoolean() ? " <small>(repeatable)</small>" : "")
          .append("</td><td class=\"mono\">")
          .append(escape(type(schema)))
          .append("</td><td class=\"mono\">")
          .append(schema.has("default") ? escape(schema.path("default").asText()) : "")
          .append("</td><td>")
          .append(prose(p.path("description").asText()))
          .append("</td></tr>");
    }
    html.append("</table>\n");
  }

  /** A schema in a few words: {@code string (day | week | month)}, {@code array of string}. */
  static String type(JsonNode schema) {
    if (schema.path("type").asText().equals("array")) {
      return "array of " + type(schema.path("items"));
    }
    StringBuilder type = new StringBuilder(schema.path("type").asText("any"));
    if (schema.has("format")) {
      type.append(" (").append(schema.path("format").asText()).append(')');
    }
    if (schema.has("enum")) {
      type.append(": ");
      StringBuilder values = new StringBuilder();
      schema
          .path("enum")
          .forEach(v -> values.append(values.isEmpty() ? "" : " | ").append(v.asText()));
      type.append(values);
    }
    if (schema.has("pattern")) {
      type.append(" matching ").append(schema.path("pattern").asText());
    }
    if (schema.has("minimum")) {
      type.append(" ")
          .append(schema.path("minimum").asText())
          .append("..")
          .append(schema.path("maximum").asText());
    }
    if (schema.path("nullable").asBoolean()) {
      type.append(" or null");
    }
    return type.toString();
  }

  /** Escaped text with its {@code `code`} spans set as code. */
  static String prose(String text) {
    return escape(text).replaceAll("`([^`]+)`", "<code>$1</code>");
  }

  private static String anchor(String path) {
    return "path" + path.replaceAll("[^A-Za-z0-9]+", "-");
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
