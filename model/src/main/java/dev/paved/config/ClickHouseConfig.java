package dev.paved.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where Paved's tables live. An empty {@code url} means "start a private server" from {@code
 * binary}, listening on {@code httpPort} (0: a free port).
 */
public record ClickHouseConfig(
    Optional<String> url,
    String user,
    String password,
    String database,
    String binary,
    int httpPort) {

  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  public ClickHouseConfig {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new ConfigException(
          SettingValues.describe(Settings.CLICKHOUSE_DATABASE)
              + ": must be a plain identifier ([A-Za-z_][A-Za-z0-9_]*, at most 64), got \""
              + database
              + "\"");
    }
  }

  static ClickHouseConfig from(SettingValues values) {
    String url = values.string(Settings.CLICKHOUSE_URL);
    return new ClickHouseConfig(
        url.isBlank() ? Optional.empty() : Optional.of(url),
        values.string(Settings.CLICKHOUSE_USER),
        values.string(Settings.CLICKHOUSE_PASSWORD),
        values.string(Settings.CLICKHOUSE_DATABASE),
        values.string(Settings.CLICKHOUSE_BINARY),
        values.integer(Settings.CLICKHOUSE_HTTP_PORT, 0, 65535));
  }

  /** The same server and credentials, another database: tests isolate themselves this way. */
  public ClickHouseConfig withDatabase(String otherDatabase) {
    return new ClickHouseConfig(url, user, password, otherDatabase, binary, httpPort);
  }

  public ClickHouseConfig withUrl(String otherUrl) {
    return new ClickHouseConfig(Optional.of(otherUrl), user, password, database, binary, httpPort);
  }

  @Override
  public String toString() {
    return "ClickHouseConfig[url="
        + url.orElse("(private server)")
        + ", user="
        + user
        + ", database="
        + database
        + "]";
  }
}
