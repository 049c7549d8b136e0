package dev.paved.api.query;

import dev.paved.clickhouse.SqlLiteral;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one builder of metric queries: {@code SELECT period, keys..., aggregates... FROM table WHERE
 * ... GROUP BY period, keys... ORDER BY period, keys...}.
 *
 * <p>No value from a request reaches the SQL except through {@link SqlLiteral} (filters, times) or
 * a whitelist (time zones, granularities); every name goes through {@link #column}. Aggregate
 * expressions are written by the endpoint from trusted text and the helpers here ({@link
 * #percentile}); never concatenate a request value into one.
 *
 * <pre>
 * String sql = MetricSql.from(clickhouse.table("events"))
 *     .finalRows()
 *     .period(request.granularity(), "time", request.zone())
 *     .key(request.groupBy())                  // team or service, when asked
 *     .key("type")
 *     .aggregate("count", "count()")
 *     .where(request.range().sqlCondition("time", "time_ms"))
 *     .whereIn("team", request.get(Params.TEAM))
 *     .sql();
 * </pre>
 */
public final class MetricSql {
  private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");

  private final String table;
  private boolean finalRows;
  private String period;
  private final List<String> keys = new ArrayList<>();
  private final List<String> aggregates = new ArrayList<>();
  private final List<String> conditions = new ArrayList<>();

  private MetricSql(String table) {
    this.table = table;
  }

  /** {@code table} as {@code ClickHouse.table(name)} writes it (database and name checked). */
  public static MetricSql from(String table) {
    return new MetricSql(table);
  }

  /** Reads the table with {@code FINAL}: one row per key of a ReplacingMergeTree. */
  public MetricSql finalRows() {
    this.finalRows = true;
    return this;
  }

  /** Adds the key {@code period}: the period of {@code timeColumn} in {@code zone}. */
  public MetricSql period(Granularity granularity, String timeColumn, ZoneId zone) {
    this.period = granularity.bucket(timeColumn, zone) + " AS period";
    return this;
  }

  /** Adds a grouping key: a column, output under its own name. */
  public MetricSql key(String column) {
    keys.add(column(column));
    return this;
  }

  /** Adds the key when there is one (e.g. the request's {@code group_by}). */
  public MetricSql key(Optional<String> column) {
    column.ifPresent(this::key);
    return this;
  }

  /** Adds {@code expression AS alias}; the expression is trusted text, the alias is checked. */
  public MetricSql aggregate(String alias, String expression) {
    aggregates.add(expression + " AS " + column(alias));
    return this;
  }

  /** Adds a condition built from trusted text and {@link SqlLiteral} (or {@link #in}). */
  public MetricSql where(String condition) {
    conditions.add("(" + condition + ")");
    return this;
  }

  /** Adds {@code column IN ('a', 'b')}, or nothing when {@code values} is empty (no filter). */
  public MetricSql whereIn(String column, Collection<String> values) {
    if (!values.isEmpty()) {
      conditions.add(in(column, values));
    }
    return this;
  }

  public String sql() {
    List<String> select = new ArrayList<>();
    List<String> order = new ArrayList<>();
    if (period != null) {
      select.add(period);
      order.add("period");
    }
    select.addAll(keys);
    order.addAll(keys);
    select.addAll(aggregates);
    if (select.isEmpty() || aggregates.isEmpty()) {
      throw new IllegalStateException("a metric query needs at least one aggregate");
    }
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(String.join(", ", select))
            .append(" FROM ")
            .append(table);
    if (finalRows) {
      sql.append(" FINAL");
    }
    if (!conditions.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", conditions));
    }
    if (!order.isEmpty()) {
      sql.append(" GROUP BY ").append(String.join(", ", order));
      sql.append(" ORDER BY ").append(String.join(", ", order));
    }
    return sql.toString();
  }

  /** A column name, checked to be a plain lower-case identifier, backquoted. */
  public static String column(String name) {
    if (name == null || !COLUMN.matcher(name).matches()) {
      throw new IllegalArgumentException("not a column name: " + name);
    }
    return SqlLiteral.identifier(name);
  }

  /** {@code column IN (literal, ...)} for a non-empty list of strings. */
  public static String in(String column, Collection<String> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("IN () needs at least one value");
    }
    return column(column)
        + " IN ("
        + String.join(", ", values.stream().map(SqlLiteral::string).toList())
        + ")";
  }

  /**
   * The exact percentile {@code q} (0 to 1) of {@code value} over the group, interpolated linearly
   * between the closest ranks (R-7: SQL's PERCENTILE_CONT, NumPy's default; p90 of 1..10 is 9.1),
   * as a {@code Nullable(Float64)} that is NULL for an empty group. ClickHouse 18.16 has no exact
   * interpolating quantile, hence the sorted array: {@code s[floor(h)+1] + (h - floor(h)) *
   * (s[ceil(h)+1] - s[floor(h)+1])} with {@code h = (n - 1) * q}.
   */
  public static String percentile(String value, double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("a percentile is between 0 and 1, got " + q);
    }
    String s = "arraySort(groupArray(toFloat64(" + value + ")))";
    String h = "((length(" + s + ") - 1) * " + SqlLiteral.decimal(q) + ")";
    String lo = s + "[toUInt64(floor(" + h + ")) + 1]";
    String hi = s + "[toUInt64(ceil(" + h + ")) + 1]";
    return "if(empty("
        + s
        + "), NULL, "
        + lo
        + " + ("
        + h
        + " - floor("
        + h
        + ")) * ("
        + hi
        + " - "
        + lo
        + "))";
  }
}
