package dev.paved.config;

import java.util.Locale;

/**
 * One documented setting: its key in a settings file, the environment variable that overrides it,
 * its local default and what it means. Every setting Paved reads is declared in {@link Settings},
 * and {@code docs/configuration.md} is checked against that list by a test.
 */
public record Setting(String key, String defaultValue, String description) {

  /** {@code clickhouse.http-port} is read from {@code PAVED_CLICKHOUSE_HTTP_PORT}. */
  public String environmentVariable() {
    return "PAVED_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
