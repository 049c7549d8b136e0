package dev.paved.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.model.WireValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DORA performance levels (metrics.md, section 1): grades each of the four keys elite, high, medium
 * or low against thresholds kept as data ({@code dora-levels.json} beside this class, which names
 * its source report and how its words become bounds), and gives a team's overall level.
 *
 * <p>A value gets the first level, from elite down, whose bound it meets; low takes the rest. The
 * overall level is the median of the graded keys, the worse of the two middle ones when their
 * number is even: with all four keys graded, the best level that at least three of them reach. One
 * weak key does not sink a team, two do. Keys without a value (no incidents, no deploys) are left
 * out; with none graded there is no overall level.
 *
 * <p>Free of Flink: the API grades with it too.
 */
public final class PerformanceLevels {

  /** The resource holding the current DORA report's thresholds. */
  public static final String RESOURCE = "dora-levels.json";

  private final Source source;
  private final Map<Key, Definition> definitions;

  private PerformanceLevels(Source source, Map<Key, Definition> definitions) {
    this.source = source;
    this.definitions = definitions;
  }

  /** The thresholds of the current DORA report, from {@link #RESOURCE}. */
  public static PerformanceLevels current() {
    try (InputStream json = PerformanceLevels.class.getResourceAsStream(RESOURCE)) {
      if (json == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return load(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads thresholds in the format of {@link #RESOURCE}; throws {@link IllegalArgumentException}
   * naming what is wrong when a key or level is missing, misordered or unbounded.
   */
  public static PerformanceLevels load(InputStream json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    JsonNode sourceNode = required(root, "source");
    Source source =
        new Source(
            required(sourceNode, "title").asText(),
            required(sourceNode, "year").asInt(),
            required(sourceNode, "publisher").asText(),
            required(sourceNode, "url").asText());
    JsonNode keys = required(root, "keys");
    Map<Key, Definition> definitions = new EnumMap<>(Key.class);
    for (Key key : Key.values()) {
      JsonNode keyNode = required(keys, key.wireName());
      definitions.put(
          key,
          new Definition(
              required(keyNode, "value").asText(),
              required(keyNode, "unit").asText(),
              thresholds(key, required(keyNode, "levels"))));
    }
    keys.fieldNames()
        .forEachRemaining(
            name -> {
              if (WireValue.fromWireName(Key.class, name).isEmpty()) {
                throw new IllegalArgumentException("unknown key " + name);
              }
            });
    return new PerformanceLevels(source, definitions);
  }

  /** The report the thresholds come from. */
  public Source source() {
    return source;
  }

  /** What a key's graded value is, its unit and its thresholds. */
  public Definition definition(Key key) {
    return definitions.get(key);
  }

  /** The level of a key's value. */
  public Level grade(Key key, double value) {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException(key.wireName() + " value is NaN");
    }
    return definitions.get(key).thresholds().stream()
        .filter(threshold -> threshold.admits(value))
        .findFirst()
        .orElseThrow()
        .level();
  }

  /** The overall level of the graded keys (see the class comment); empty when there are none. */
  public static Optional<Level> overall(Collection<Level> grades) {
    List<Level> worstFirst = grades.stream().sorted(Comparator.reverseOrder()).toList();
    return worstFirst.isEmpty()
        ? Optional.empty()
        : Optional.of(worstFirst.get((worstFirst.size() - 1) / 2));
  }

  private static List<Threshold> thresholds(Key key, JsonNode levels) {
    Level[] order = Level.values();
    if (!levels.isArray() || levels.size() != order.length) {
      throw new IllegalArgumentException(
          key.wireName() + ": levels must list " + Arrays.toString(order) + " in order");
    }
    List<Threshold> thresholds = new ArrayList<>();
    for (int i = 0; i < order.length; i++) {
      JsonNode node = levels.get(i);
      String where = key.wireName() + " level " + (i + 1);
      if (!order[i].wireName().equals(required(node, "level").asText())) {
        throw new IllegalArgumentException(where + " must be " + order[i].wireName());
      }
      List<Comparison> comparisons =
          Arrays.stream(Comparison.values()).filter(c -> node.has(c.wireName())).toList();
      boolean last = i == order.length - 1;
      if (comparisons.size() != (last ? 0 : 1)) {
        throw new IllegalArgumentException(
            where
                + (last
                    ? " takes the rest and has no bound"
                    : " needs exactly one of at_least, at_most, below"));
      }
      Comparison comparison = last ? null : comparisons.get(0);
      Double bound = last ? null : node.get(comparison.wireName()).asDouble();
      thresholds.add(new Threshold(order[i], required(node, "report").asText(), comparison, bound));
    }
    requireOrdered(key, thresholds.subList(0, thresholds.size() - 1));
    return List.copyOf(thresholds);
  }

  /** Each level must be harder to reach than the next, or the data has a typo. */
  private static void requireOrdered(Key key, List<Threshold> bounded) {
    boolean higherIsBetter = bounded.get(0).comparison() == Comparison.AT_LEAST;
    for (int i = 0; i < bounded.size(); i++) {
      Threshold threshold = bounded.get(i);
      if ((threshold.comparison() == Comparison.AT_LEAST) != higherIsBetter) {
        throw new IllegalArgumentException(
            key.wireName() + ": at_least cannot be mixed with at_most or below");
      }
      if (i > 0) {
        double previous = bounded.get(i - 1).bound();
        if (higherIsBetter ? threshold.bound() >= previous : threshold.bound() <= previous) {
          throw new IllegalArgumentException(
              key.wireName()
                  + ": the bound of "
                  + threshold.level().wireName()
                  + " is out of order");
        }
      }
    }
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return value;
  }

  /** A performance level, best first. */
  public enum Level implements WireValue {
    ELITE,
    HIGH,
    MEDIUM,
    LOW
  }

  /** The four keys. */
  public enum Key implements WireValue {
    DEPLOYMENT_FREQUENCY,
    LEAD_TIME,
    CHANGE_FAILURE_RATE,
    RECOVERY_TIME
  }

  /** How a bound is compared with a value. */
  public enum Comparison implements WireValue {
    /** {@code value >= bound} */
    AT_LEAST,
    /** {@code value <= bound} */
    AT_MOST,
    /** {@code value < bound} */
    BELOW
  }

  /**
   * The report the thresholds come from, for the API's answer.
   *
   * @param title e.g. {@code Accelerate State of DevOps Report}
   */
  public record Source(String title, int year, String publisher, String url) {

    /** e.g. {@code DORA (...), Accelerate State of DevOps Report 2023}. */
    public String citation() {
      return publisher + ", " + title + " " + year;
    }
  }

  /**
   * A key's definition.
   *
   * @param value what is graded, e.g. the median lead time over the period
   * @param thresholds one per level, best first; the last has no bound
   */
  public record Definition(String value, String unit, List<Threshold> thresholds) {}

  /**
   * The bound of one level.
   *
   * @param report the report's own words for the cluster
   * @param comparison null for the last level, which takes every value the others do not
   */
  public record Threshold(Level level, String report, Comparison comparison, Double bound) {

    boolean admits(double value) {
      if (comparison == null) {
        return true;
      }
      return switch (comparison) {
        case AT_LEAST -> value >= bound;
        case AT_MOST -> value <= bound;
        case BELOW -> value < bound;
      };
    }
  }
}
