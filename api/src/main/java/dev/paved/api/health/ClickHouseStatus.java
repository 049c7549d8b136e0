package dev.paved.api.health;

import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.Migrations;
import dev.paved.clickhouse.QueryException;
import java.util.function.Supplier;

/**
 * Asks ClickHouse, on every health check, whether it answers and how many of the migrations this
 * build ships are recorded as applied.
 */
public final class ClickHouseStatus implements Supplier<StorageStatus> {
  private final ClickHouse clickhouse;
  private final int migrationsAvailable;

  public ClickHouseStatus(ClickHouse clickhouse) {
    this.clickhouse = clickhouse;
    this.migrationsAvailable = Migrations.fromClasspath().migrations().size();
  }

  /** The connection it asks, which the read API queries too. */
  public ClickHouse clickhouse() {
    return clickhouse;
  }

  @Override
  public StorageStatus get() {
    if (!clickhouse.ping()) {
      return StorageStatus.unreachable(clickhouse.database(), "ClickHouse does not answer");
    }
    int applied;
    try {
      applied =
          clickhouse
              .queryRows(
                  "SELECT uniqExact(version) AS applied FROM "
                      + clickhouse.table("schema_migrations"))
              .get(0)
              .path("applied")
              .asInt();
    } catch (QueryException e) {
      applied = 0;
    }
    return new StorageStatus(
        true,
        clickhouse.serverVersion(),
        clickhouse.database(),
        applied,
        migrationsAvailable,
        applied == migrationsAvailable ? null : "migrations pending: restart Paved to apply them");
  }
}
