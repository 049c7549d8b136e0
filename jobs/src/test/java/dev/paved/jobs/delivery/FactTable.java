package dev.paved.jobs.delivery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What a ReplacingMergeTree table ends up holding: per id, the row with the highest version. It
 * fails the test when a re-emission does not carry a higher version than the row it replaces.
 */
public final class FactTable<T> {

  private final Function<T, String> id;
  private final ToLongFunction<T> version;
  private final Map<String, T> rows = new LinkedHashMap<>();

  public FactTable(Function<T, String> id, ToLongFunction<T> version) {
    this.id = id;
    this.version = version;
  }

  public void write(T row) {
    T previous = rows.get(id.apply(row));
    if (previous != null) {
      assertTrue(
          version.applyAsLong(row) > version.applyAsLong(previous),
          "a re-emitted row must supersede the previous one: " + previous + " then " + row);
    }
    rows.put(id.apply(row), row);
  }

  public T row(String rowId) {
    return rows.get(rowId);
  }

  public int size() {
    return rows.size();
  }
}
