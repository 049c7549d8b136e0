package dev.paved.api.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.query.Param;
import dev.paved.api.route.Field;
import dev.paved.api.route.Route;
import dev.paved.api.route.Shape;
import java.util.List;

/**
 * The OpenAPI 3.0 document of every route the server registers, generated from the same {@link
 * Route} objects that the server serves, so the two cannot diverge; a test compares the server's
 * registered routes with this document's paths. The fixed routes ({@code /health}, this document,
 * the docs page) are described here, next to their paths.
 */
public final class OpenApiDocument {
  public static final String PATH = Route.BASE_PATH + "/openapi.json";

  /** The browsable page of this document. */
  public static final String DOCS_PATH = Route.BASE_PATH;

  public static final String HEALTH_PATH = "/health";

  private static final String PROBLEM = "#/components/schemas/Problem";

  private final ObjectMapper json;

  private OpenApiDocument(ObjectMapper json) {
    this.json = json;
  }

  public static ObjectNode build(List<Route> routes, ObjectMapper json) {
    return new OpenApiDocument(json).document(routes);
  }

  private ObjectNode document(List<Route> routes) {
    ObjectNode doc = json.createObjectNode();
    doc.put("openapi", "3.0.3");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Paved read API");
    info.put("version", "1");
    info.put(
        "description",
        "What dashboards, scripts and other tools read. Every route under /api/v1 but this"
            + " document and its page needs `Authorization: Bearer <read token>`; ingest tokens"
            + " cannot read. Answers carry `ETag` and `Cache-Control`; `If-None-Match` answers"
            + " 304. `Accept: text/csv` or `format=csv` returns the rows as CSV. Errors are"
            + " application/problem+json (RFC 9457). An unknown query parameter is a 400.");
    doc.putArray("servers").addObject().put("url", "/");
    doc.putArray("security").addObject().putArray("readToken");
    ObjectNode paths = doc.putObject("paths");
    paths.set(HEALTH_PATH, health());
    paths.set(DOCS_PATH, docsPage());
    paths.set(PATH, self());
    for (Route route : routes) {
      paths.set(route.fullPath(), json.createObjectNode().set("get", operation(route)));
    }
    doc.set("components", components());
    return doc;
  }

  private ObjectNode operation(Route route) {
    ObjectNode get = json.createObjectNode();
    get.put("operationId", route.name());
    get.put("summary", route.summary());
    if (!route.description().isEmpty()) {
      get.put("description", route.description());
    }
    get.putArray("tags").add(route.shape() == Shape.METRIC ? "metrics" : "drill-down");
    ArrayNode parameters = get.putArray("parameters");
    for (Param<?> param : route.parameters()) {
      ObjectNode p = parameters.addObject();
      p.put("name", param.name());
      p.put("in", "query");
      p.put("required", false);
      p.put("description", param.description());
      if (param.repeatable()) {
        p.put("style", "form");
        p.put("explode", true);
      }
      p.set("schema", json.valueToTree(param.schema()));
    }
    ObjectNode responses = get.putObject("responses");
    ObjectNode ok = responses.putObject("200");
    ok.put("description", "The answer (JSON), or its rows as CSV");
    ok.set("headers", cacheHeaders());
    ObjectNode content = ok.putObject("content");
    content.putObject("application/json").set("schema", envelope(route));
    content
        .putObject("text/csv")
        .putObject("schema")
        .put("type", "string")
        .put("description", "A header line, then one line per row: " + csvColumns(route));
    responses.putObject("304").put("description", "Not modified: If-None-Match names the ETag");
    responses.set("400", problem("A bad, repeated or unknown query parameter"));
    responses.set("401", problem("No read token, or not a read token"));
    responses.set("500", problem("A fault of the server"));
    responses.set("503", problem("ClickHouse does not answer"));
    return get;
  }

  private ObjectNode envelope(Route route) {
    ObjectNode schema = object();
    ObjectNode props = schema.putObject("properties");
    ArrayNode required = schema.putArray("required");
    props.set("metric", json.createObjectNode().put("type", "string").put("example", route.name()));
    required.add("metric");
    if (route.shape() == Shape.METRIC) {
      props.set("unit", json.createObjectNode().put("type", "string").put("example", route.unit()));
      props.set("granularity", enumOf(List.of("day", "week", "month")));
      required.add("unit").add("granularity");
    }
    props.set("tz", json.createObjectNode().put("type", "string").put("example", "UTC"));
    props.set("from", dateTime("start of the range, inclusive, in tz's offset"));
    props.set("to", dateTime("end of the range, exclusive, in tz's offset"));
    required.add("tz").add("from").add("to").add("filters").add("as_of").add("rows");
    if (route.groupByParam().isPresent()) {
      props.set(
          "group_by",
          json.createObjectNode()
              .put("type", "string")
              .put("nullable", true)
              .put("description", "the group column of the rows; null: the organisation"));
    }
    ObjectNode filters = props.putObject("filters");
    filters.put("type", "object");
    filters.put("description", "the filters given, by parameter name");
    filters
        .putObject("additionalProperties")
        .put("type", "array")
        .putObject("items")
        .put("type", "string");
    props.putObject("as_of").put("$ref", "#/components/schemas/AsOf");
    ObjectNode rows = props.putObject("rows");
    rows.put("type", "array");
    rows.set("items", row(route));
    if (route.shape() == Shape.LIST) {
      props.set(
          "next_cursor",
          json.createObjectNode()
              .put("type", "string")
              .put("nullable", true)
              .put("description", "pass as cursor for the next page; null on the last page"));
      required.add("next_cursor");
    }
    route.extras().forEach((name, extra) -> props.set(name, json.valueToTree(extra)));
    return schema;
  }

  private ObjectNode row(Route route) {
    ObjectNode row = object();
    ObjectNode props = row.putObject("properties");
    if (route.shape() == Shape.METRIC) {
      props.set(
          "period",
          json.createObjectNode()
              .put("type", "string")
              .put("format", "date")
              .put("description", "first day of the period in tz (a week: its Monday)"));
      for (String group : route.groups()) {
        props.set(
            group,
            json.createObjectNode()
                .put("type", "string")
                .put("nullable", true)
                .put("description", "present with group_by=" + group));
      }
      props.set(
          "count",
          json.createObjectNode()
              .put("type", "integer")
              .put("format", "int64")
              .put("description", route.countMeans()));
      row.putArray("required").add("period").add("count");
    }
    for (Field field : route.fields()) {
      ObjectNode schema = json.valueToTree(field.schema());
      schema.put("description", field.description());
      props.set(field.name(), schema);
    }
    if (route.shape() == Shape.METRIC) {
      props.set(
          "low_confidence",
          json.createObjectNode()
              .put("type", "boolean")
              .put(
                  "description", "present (true) when count is below the minimum (api.min-count)"));
    }
    return row;
  }

  private static String csvColumns(Route route) {
    StringBuilder columns = new StringBuilder();
    if (route.shape() == Shape.METRIC) {
      columns.append("period, [the group_by column], count, ");
    }
    columns.append(String.join(", ", route.fields().stream().map(Field::name).toList()));
    if (route.shape() == Shape.METRIC) {
      columns.append(", low_confidence");
    }
    return columns.toString();
  }

  private ObjectNode health() {
    ObjectNode get = json.createObjectNode();
    get.put("operationId", "health");
    get.put("summary", "Whether ClickHouse answers and its schema is current");
    get.putArray("tags").add("operations");
    get.putArray("security");
    ObjectNode responses = get.putObject("responses");
    responses.putObject("200").put("description", "Healthy").set("content", anyJson());
    responses
        .putObject("503")
        .put("description", "ClickHouse unreachable or migrations pending")
        .set("content", anyJson());
    return json.createObjectNode().set("get", get);
  }

  private ObjectNode self() {
    ObjectNode get = json.createObjectNode();
    get.put("operationId", "openapi");
    get.put("summary", "This document (OpenAPI 3.0), generated from the routes the server serves");
    get.putArray("tags").add("documentation");
    get.putArray("security");
    ObjectNode ok = get.putObject("responses").putObject("200");
    ok.put("description", "The OpenAPI document");
    ok.set("headers", cacheHeaders());
    ok.set("content", anyJson());
    return json.createObjectNode().set("get", get);
  }

  private ObjectNode docsPage() {
    ObjectNode get = json.createObjectNode();
    get.put("operationId", "docs");
    get.put("summary", "This document as a browsable HTML page (self-contained)");
    get.putArray("tags").add("documentation");
    get.putArray("security");
    ObjectNode ok = get.putObject("responses").putObject("200");
    ok.put("description", "An HTML page");
    ok.set("headers", cacheHeaders());
    ok.putObject("content").putObject("text/html").putObject("schema").put("type", "string");
    return json.createObjectNode().set("get", get);
  }

  private ObjectNode components() {
    ObjectNode components = json.createObjectNode();
    components
        .putObject("securitySchemes")
        .putObject("readToken")
        .put("type", "http")
        .put("scheme", "bearer")
        .put("description", "A read token (setting api.read-tokens); ingest tokens cannot read");
    ObjectNode schemas = components.putObject("schemas");
    ObjectNode problem = object();
    problem.put("description", "RFC 9457 problem details");
    ObjectNode props = problem.putObject("properties");
    props.set(
        "type",
        json.createObjectNode()
            .put("type", "string")
            .put("example", "urn:paved:problem:invalid-parameters"));
    props.set("title", json.createObjectNode().put("type", "string"));
    props.set("status", json.createObjectNode().put("type", "integer"));
    props.set("detail", json.createObjectNode().put("type", "string"));
    ObjectNode invalid = props.putObject("invalid_params");
    invalid.put("type", "array");
    ObjectNode item = invalid.putObject("items");
    item.put("type", "object");
    item.putObject("properties")
        .<ObjectNode>set("name", json.createObjectNode().put("type", "string"))
        .set("reason", json.createObjectNode().put("type", "string"));
    item.putArray("required").add("name").add("reason");
    problem.putArray("required").add("type").add("title").add("status").add("detail");
    schemas.set("Problem", problem);
    ObjectNode asOf = object();
    asOf.put("description", "how fresh the answer is");
    ObjectNode asOfProps = asOf.putObject("properties");
    asOfProps.set(
        "event_time",
        dateTime("the event-time clock: the latest event time in the data").put("nullable", true));
    asOfProps.set(
        "processed_at",
        dateTime("when Paved last wrote what it serves (the latest received_at for now)")
            .put("nullable", true));
    schemas.set("AsOf", asOf);
    return components;
  }

  private ObjectNode problem(String description) {
    ObjectNode response = json.createObjectNode();
    response.put("description", description);
    response
        .putObject("content")
        .putObject("application/problem+json")
        .putObject("schema")
        .put("$ref", PROBLEM);
    return response;
  }

  private ObjectNode cacheHeaders() {
    ObjectNode headers = json.createObjectNode();
    headers
        .putObject("ETag")
        .put("description", "a hash of the body")
        .putObject("schema")
        .put("type", "string");
    headers
        .putObject("Cache-Control")
        .put("description", "private, max-age=N (setting api.cache-max-age-seconds)")
        .putObject("schema")
        .put("type", "string");
    return headers;
  }

  private ObjectNode anyJson() {
    ObjectNode content = json.createObjectNode();
    content.putObject("application/json").putObject("schema").put("type", "object");
    return content;
  }

  private ObjectNode object() {
    return json.createObjectNode().put("type", "object");
  }

  private ObjectNode dateTime(String description) {
    return json.createObjectNode()
        .put("type", "string")
        .put("format", "date-time")
        .put("description", description);
  }

  private ObjectNode enumOf(List<String> values) {
    ObjectNode schema = json.createObjectNode().put("type", "string");
    values.forEach(schema.putArray("enum")::add);
    return schema;
  }
}
