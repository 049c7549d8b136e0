package dev.paved.api.health;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code GET /health} says about ClickHouse: reachable or not, its version, and whether every
 * migration Paved ships has been applied.
 */
public record StorageStatus(
    boolean reachable,
    @JsonProperty("server_version") String serverVersion,
    String database,
    @JsonProperty("migrations_applied") int migrationsApplied,
    @JsonProperty("migrations_available") int migrationsAvailable,
    String problem) {

  public boolean healthy() {
    return reachable && migrationsApplied == migrationsAvailable && problem == null;
  }

  public static StorageStatus unreachable(String database, String problem) {
    return new StorageStatus(false, null, database, 0, 0, problem);
  }
}
