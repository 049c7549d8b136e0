package dev.paved.jobs.runtime;

import dev.paved.clickhouse.ClickHouse;
import dev.paved.config.ClickHouseConfig;
import java.io.Serializable;
import java.util.Optional;

/**
 * Where sinks write: a ClickHouse server, credentials and database. Serializable (unlike {@link
 * ClickHouseConfig}), because it travels inside the job graph to every task.
 */
public record ClickHouseTarget(String url, String user, String password, String database)
    implements Serializable {

  public static ClickHouseTarget of(ClickHouseConfig config, String url) {
    return new ClickHouseTarget(url, config.user(), config.password(), config.database());
  }

  /** A new connection; fails (with a {@code QueryException}) when the server does not answer. */
  public ClickHouse connect() {
    ClickHouseConfig config =
        new ClickHouseConfig(Optional.of(url), user, password, database, "clickhouse-server", 0);
    return ClickHouse.connect(config, url);
  }

  @Override
  public String toString() {
    return "ClickHouseTarget[url=" + url + ", user=" + user + ", database=" + database + "]";
  }
}
