package dev.paved.api.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One query parameter a route accepts: its name, its meaning, its type as an OpenAPI schema, and
 * the parser that turns the raw strings into a typed value or a reason naming what is wrong. The
 * same object documents the parameter in {@code /api/v1/openapi.json} and parses it, so the two
 * cannot diverge.
 *
 * <p>Repeatable parameters ({@code team=a&team=b}, also {@code team=a,b}) parse to a list, empty
 * when absent. Others may be given at most once; absent, they take their fallback value.
 */
public final class Param<T> {
  /** Slugs as the event contract defines them: what teams, services and features are named by. */
  public static final Pattern SLUG = Pattern.compile("[a-z0-9._-]{1,100}");

  /** Turns the raw values (at least one) into the typed value. */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(List<String> values) throws BadValue;
  }

  /** Why a value was refused; the framework names the parameter. */
  public static final class BadValue extends Exception {
    public BadValue(String reason) {
      super(reason, null, false, false);
    }
  }

  private final String name;
  private final String description;
  private final Map<String, Object> schema;
  private final boolean repeatable;
  private final T fallback;
  private final Parser<T> parser;

  private Param(
      String name,
      String description,
      Map<String, Object> schema,
      boolean repeatable,
      T fallback,
      Parser<T> parser) {
    if (!name.matches("[a-z][a-z_]*")) {
      throw new IllegalArgumentException("parameter names are lower_snake_case: " + name);
    }
    this.name = name;
    this.description = Objects.requireNonNull(description);
    this.schema = Map.copyOf(schema);
    this.repeatable = repeatable;
    this.fallback = fallback;
    this.parser = parser;
  }

  /** A parameter given at most once whose parser sees the one raw value. */
  public static <T> Param<T> one(
      String name, String description, Map<String, Object> schema, T fallback, OneParser<T> p) {
    return new Param<>(
        name, description, schema, false, fallback, values -> p.parse(values.get(0)));
  }

  /** Parses one raw value. */
  @FunctionalInterface
  public interface OneParser<T> {
    T parse(String value) throws BadValue;
  }

  /** Repeatable slugs ({@code [a-z0-9._-]{1,100}}), e.g. {@code team}. */
  public static Param<List<String>> slugs(String name, String description) {
    return list(
        name,
        description,
        Map.of("type", "string", "pattern", "^" + SLUG.pattern() + "$"),
        value -> {
          if (!SLUG.matcher(value).matches()) {
            throw new BadValue(
                "\"" + shorten(value) + "\" is not a slug (1-100 characters of a-z 0-9 . _ -)");
          }
          return value;
        },
        true);
  }

  /**
   * Repeatable ids of up to {@code maxLength} printable characters, e.g. {@code actor}. Commas are
   * part of the value: only repetition gives several.
   */
  public static Param<List<String>> ids(String name, String description, int maxLength) {
    return list(
        name,
        description,
        Map.of("type", "string", "minLength", 1, "maxLength", maxLength),
        value -> {
          if (value.isEmpty() || value.codePointCount(0, value.length()) > maxLength) {
            throw new BadValue("must be 1 to " + maxLength + " characters");
          }
          for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
              throw new BadValue("must not hold control characters");
            }
            if (Character.isSurrogate(c)
                && !(Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(++i)))) {
              throw new BadValue("must not hold unpaired surrogates");
            }
          }
          return value;
        },
        false);
  }

  /** Repeatable values from a fixed list, e.g. event {@code type}. */
  public static Param<List<String>> choices(String name, String description, List<String> allowed) {
    return list(
        name,
        description,
        Map.of("type", "string", "enum", List.copyOf(allowed)),
        value -> {
          if (!allowed.contains(value)) {
            throw new BadValue(
                "\"" + shorten(value) + "\" is not one of " + String.join(", ", allowed));
          }
          return value;
        },
        true);
  }

  /** One value from a fixed list, {@code fallback} when absent (null: no default). */
  public static Param<String> choice(
      String name, String description, List<String> allowed, String fallback) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "string");
    schema.put("enum", List.copyOf(allowed));
    if (fallback != null) {
      schema.put("default", fallback);
    }
    return one(
        name,
        description,
        schema,
        fallback,
        value -> {
          if (!allowed.contains(value)) {
            throw new BadValue(
                "\"" + shorten(value) + "\" is not one of " + String.join(", ", allowed));
          }
          return value;
        });
  }

  /** One integer in {@code [min, max]}, {@code fallback} when absent. */
  public static Param<Integer> integer(
      String name, String description, int min, int max, int fallback) {
    return one(
        name,
        description,
        Map.of("type", "integer", "minimum", min, "maximum", max, "default", fallback),
        fallback,
        value -> {
          if (!value.matches("-?[0-9]{1,10}")) {
            throw new BadValue("\"" + shorten(value) + "\" is not an integer");
          }
          long number = Long.parseLong(value);
          if (number < min || number > max) {
            throw new BadValue("must be between " + min + " and " + max + ", got " + number);
          }
          return (int) number;
        });
  }

  private static Param<List<String>> list(
      String name,
      String description,
      Map<String, Object> items,
      OneParser<String> item,
      boolean commaSeparated) {
    return new Param<>(
        name,
        description,
        Map.of("type", "array", "items", items),
        true,
        List.of(),
        values -> {
          List<String> parsed = new ArrayList<>();
          for (String value : values) {
            for (String part : commaSeparated ? value.split(",", -1) : new String[] {value}) {
              String one = item.parse(part);
              if (!parsed.contains(one)) {
                parsed.add(one);
              }
            }
          }
          return List.copyOf(parsed);
        });
  }

  /** For messages: a long or hostile value cut short. */
  static String shorten(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** The OpenAPI schema of the parameter's value(s). */
  public Map<String, Object> schema() {
    return schema;
  }

  public boolean repeatable() {
    return repeatable;
  }

  public T fallback() {
    return fallback;
  }

  T parse(List<String> values) throws BadValue {
    return parser.parse(values);
  }

  @Override
  public String toString() {
    return "Param[" + name + "]";
  }
}
