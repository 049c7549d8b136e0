package dev.paved.api.route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One field of a route's rows: its name, what it means, and its OpenAPI schema. The declared fields
 * are the CSV columns, in order, and the row schema in {@code /api/v1/openapi.json}.
 */
public record Field(String name, String description, Map<String, Object> schema) {

  public Field {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("field names are lower_snake_case: " + name);
    }
    schema = Map.copyOf(schema);
  }

  public static Field string(String name, String description) {
    return new Field(name, description, Map.of("type", "string"));
  }

  public static Field integer(String name, String description) {
    return new Field(name, description, Map.of("type", "integer", "format", "int64"));
  }

  /** A number that is null when it cannot be computed (e.g. a percentile of nothing). */
  public static Field number(String name, String description) {
    return new Field(name, description, Map.of("type", "number", "nullable", true));
  }

  public static Field bool(String name, String description) {
    return new Field(name, description, Map.of("type", "boolean"));
  }

  public static Field date(String name, String description) {
    return new Field(name, description, Map.of("type", "string", "format", "date"));
  }

  public static Field dateTime(String name, String description) {
    return new Field(name, description, Map.of("type", "string", "format", "date-time"));
  }

  public static Field strings(String name, String description) {
    return new Field(name, description, Map.of("type", "array", "items", Map.of("type", "string")));
  }

  public static Field object(String name, String description) {
    return new Field(name, description, Map.of("type", "object"));
  }

  /** A value from a fixed list. */
  public static Field choice(String name, String description, List<String> values) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "string");
    schema.put("enum", List.copyOf(values));
    return new Field(name, description, schema);
  }
}
