package dev.paved.config;

/** A setting with a value Paved cannot use; the message names the setting. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
