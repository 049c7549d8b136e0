package dev.paved.clickhouse;

/** A statement ClickHouse refused or could not answer; the message holds the SQL. */
public final class QueryException extends RuntimeException {
  private final String sql;

  public QueryException(String sql, String reason, Throwable cause) {
    super(reason + "\n  SQL: " + sql, cause);
    this.sql = sql;
  }

  public String sql() {
    return sql;
  }
}
