package dev.paved.api.route;

import dev.paved.api.query.Param;
import dev.paved.api.query.Params;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the framework needs to know about a route besides its rows: path, documentation,
 * shape, the parameters it accepts and the fields of its rows. The server registers it, parses and
 * validates its parameters, and documents it in {@code /api/v1/openapi.json}, all from this one
 * object.
 *
 * <pre>
 * Route.metric("/activity", "activity", "events")
 *     .summary("Events per type and period")
 *     .filters(Params.TEAM, Params.SERVICE)
 *     .groupBy("team", "service")
 *     .countMeans("events of that type in the period")
 *     .field(Field.string("type", "event type"))
 *     .build();
 * </pre>
 */
public final class Route {
  /** Where every route lives. */
  public static final String BASE_PATH = "/api/v1";

  private final String path;
  private final String name;
  private final String unit;
  private final Shape shape;
  private final String summary;
  private final String description;
  private final List<Param<?>> parameters;
  private final List<String> groups;
  private final Optional<Param<String>> groupBy;
  private final String countMeans;
  private final List<Field> fields;
  private final Map<String, Map<String, Object>> extras;

  private Route(Builder b) {
    this.path = b.path;
    this.name = b.name;
    this.unit = b.unit;
    this.shape = b.shape;
    this.summary = b.summary;
    this.description = b.description;
    this.groups = List.copyOf(b.groups);
    this.groupBy = b.groups.isEmpty() ? Optional.empty() : Optional.of(Params.groupBy(b.groups));
    List<Param<?>> all = new ArrayList<>();
    all.add(Params.FROM);
    all.add(Params.TO);
    all.add(Params.TZ);
    if (shape == Shape.METRIC) {
      all.add(Params.GRANULARITY);
    }
    groupBy.ifPresent(all::add);
    if (shape == Shape.LIST) {
      all.add(Params.LIMIT);
      all.add(Params.CURSOR);
    }
    all.addAll(b.parameters);
    all.add(Params.FORMAT);
    this.parameters = List.copyOf(all);
    this.countMeans = b.countMeans;
    this.fields = List.copyOf(b.fields);
    this.extras = Map.copyOf(b.extras);
    if (summary == null) {
      throw new IllegalStateException(path + ": a route needs a summary");
    }
    if (parameters.stream().map(Param::name).distinct().count() != parameters.size()) {
      throw new IllegalStateException(path + ": a parameter is declared twice");
    }
  }

  /**
   * A metric per period (see {@link Shape#METRIC}), e.g. {@code ("/delivery/lead-time",
   * "lead_time", "seconds")}.
   */
  public static Builder metric(String path, String metric, String unit) {
    return new Builder(path, metric, unit, Shape.METRIC);
  }

  /** Pages of records (see {@link Shape#LIST}), e.g. {@code ("/events", "events")}. */
  public static Builder list(String path, String name) {
    return new Builder(path, name, null, Shape.LIST);
  }

  /** The path under {@link #BASE_PATH}, e.g. {@code /activity}. */
  public String path() {
    return path;
  }

  /** {@code /api/v1/activity}. */
  public String fullPath() {
    return BASE_PATH + path;
  }

  /** The {@code metric} of the answer. */
  public String name() {
    return name;
  }

  /** The {@code unit} of the answer; null for a list. */
  public String unit() {
    return unit;
  }

  public Shape shape() {
    return shape;
  }

  public String summary() {
    return summary;
  }

  public String description() {
    return description;
  }

  /** Every parameter accepted, the common ones included, in documentation order. */
  public List<Param<?>> parameters() {
    return parameters;
  }

  /** The groups {@code group_by} offers; empty when the route has no {@code group_by}. */
  public List<String> groups() {
    return groups;
  }

  public Optional<Param<String>> groupByParam() {
    return groupBy;
  }

  public String countMeans() {
    return countMeans;
  }

  /** The row fields the endpoint declares (for a metric: besides period, group and count). */
  public List<Field> fields() {
    return fields;
  }

  /** Top-level answer fields besides the envelope's (e.g. {@code next_cursor}), with schemas. */
  public Map<String, Map<String, Object>> extras() {
    return extras;
  }

  /** Builds a {@link Route}; the common parameters are added by the framework. */
  public static final class Builder {
    private final String path;
    private final String name;
    private final String unit;
    private final Shape shape;
    private String summary;
    private String description = "";
    private final List<Param<?>> parameters = new ArrayList<>();
    private final List<String> groups = new ArrayList<>();
    private String countMeans = "how many values the row rests on";
    private final List<Field> fields = new ArrayList<>();
    private final Map<String, Map<String, Object>> extras = new LinkedHashMap<>();

    private Builder(String path, String name, String unit, Shape shape) {
      if (!path.matches("(/[a-z0-9-]+)+")) {
        throw new IllegalArgumentException("a route path is /lower-case-words: " + path);
      }
      this.path = path;
      this.name = name;
      this.unit = unit;
      this.shape = shape;
    }

    public Builder summary(String summary) {
      this.summary = summary;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * Parameters besides those the framework adds: from, to, tz and format to every route;
     * granularity (and group_by when {@link #groupBy} names groups) to a metric; limit and cursor
     * to a list.
     */
    public Builder parameters(Param<?>... parameters) {
      this.parameters.addAll(List.of(parameters));
      return this;
    }

    /** The groups {@code group_by} offers (e.g. team, service); none: no {@code group_by}. */
    public Builder groupBy(String... groups) {
      this.groups.addAll(List.of(groups));
      return this;
    }

    /** What {@code count} counts in this metric (documentation). */
    public Builder countMeans(String countMeans) {
      this.countMeans = countMeans;
      return this;
    }

    public Builder field(Field field) {
      this.fields.add(field);
      return this;
    }

    public Builder fields(List<Field> fields) {
      this.fields.addAll(fields);
      return this;
    }

    /** A top-level answer field of the endpoint's own (e.g. {@code open} incidents). */
    public Builder extra(String name, Map<String, Object> schema) {
      this.extras.put(name, schema);
      return this;
    }

    public Route build() {
      return new Route(this);
    }
  }
}
