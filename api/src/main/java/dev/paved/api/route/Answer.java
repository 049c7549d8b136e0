package dev.paved.api.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an endpoint computed: its rows, for a list the cursor of the next page (null at the end),
 * and any top-level fields of its own (declared with {@link Route.Builder#extra}).
 */
public record Answer(List<ObjectNode> rows, String nextCursor, Map<String, Object> extras) {

  public Answer {
    rows = List.copyOf(rows);
    extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
  }

  /** Rows as ClickHouse returns them ({@code ClickHouse.queryRows}): one JSON object each. */
  public static Answer of(List<? extends JsonNode> rows) {
    return new Answer(objects(rows), null, Map.of());
  }

  /** One page of a list; {@code nextCursor} null when it is the last. */
  public static Answer page(List<? extends JsonNode> rows, String nextCursor) {
    return new Answer(objects(rows), nextCursor, Map.of());
  }

  private static List<ObjectNode> objects(List<? extends JsonNode> rows) {
    return rows.stream()
        .map(
            row -> {
              if (row instanceof ObjectNode object) {
                return object;
              }
              throw new IllegalArgumentException("a row is a JSON object, got " + row);
            })
        .toList();
  }

  public Answer with(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(extras);
    more.put(name, value);
    return new Answer(rows, nextCursor, more);
  }
}
