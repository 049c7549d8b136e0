package dev.paved.clickhouse;

/** A private ClickHouse server could not be started; the message says what to do about it. */
public final class ServerStartException extends RuntimeException {
  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
