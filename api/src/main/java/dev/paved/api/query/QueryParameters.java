package dev.paved.api.query;

import dev.paved.api.http.InvalidParam;
import dev.paved.api.http.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The one parser of query parameters: every parameter a route accepts is checked against its type
 * or whitelist, and every problem is collected, each naming its parameter, before one 400 answers
 * them all. A parameter the route does not accept is refused too, so a typo ({@code grnularity}) is
 * an error rather than a silently ignored wish.
 */
public final class QueryParameters {
  private final Map<Param<?>, Object> values;

  private QueryParameters(Map<Param<?>, Object> values) {
    this.values = values;
  }

  public static QueryParameters parse(Map<String, List<String>> query, List<Param<?>> accepted) {
    Map<String, Param<?>> byName = new HashMap<>();
    accepted.forEach(p -> byName.put(p.name(), p));
    List<InvalidParam> invalid = new ArrayList<>();
    for (String name : new TreeSet<>(query.keySet())) {
      if (!byName.containsKey(name)) {
        invalid.add(
            new InvalidParam(
                Param.shorten(name),
                "unknown parameter; this route accepts "
                    + String.join(", ", accepted.stream().map(Param::name).sorted().toList())));
      }
    }
    Map<Param<?>, Object> values = new HashMap<>();
    for (Param<?> param : accepted) {
      List<String> raw = query.getOrDefault(param.name(), List.of());
      if (raw.isEmpty()) {
        continue;
      }
      if (!param.repeatable() && raw.size() > 1) {
        invalid.add(new InvalidParam(param.name(), "given " + raw.size() + " times; give it once"));
        continue;
      }
      try {
        values.put(param, param.parse(raw));
      } catch (Param.BadValue e) {
        invalid.add(new InvalidParam(param.name(), e.getMessage()));
      }
    }
    if (!invalid.isEmpty()) {
      throw Problem.invalidParams(invalid);
    }
    return new QueryParameters(values);
  }

  /** The parsed value, or the parameter's fallback when it was not given. */
  @SuppressWarnings("unchecked")
  public <T> T get(Param<T> param) {
    return values.containsKey(param) ? (T) values.get(param) : param.fallback();
  }

  public boolean given(Param<?> param) {
    return values.containsKey(param);
  }
}
