package dev.paved.clickhouse;

/** The schema cannot be brought up to date; the message names the migration file and why. */
public final class MigrationException extends RuntimeException {
  public MigrationException(String message) {
    super(message);
  }

  public MigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
