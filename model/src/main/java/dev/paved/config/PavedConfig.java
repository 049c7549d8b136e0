package dev.paved.config;

import java.nio.file.Path;
import java.util.Map;

/** Every setting of Paved, typed, in one object made of small sections. */
public record PavedConfig(
    Path home,
    ClickHouseConfig clickhouse,
    KafkaConfig kafka,
    IngestConfig ingest,
    JobsConfig jobs,
    ApiConfig api) {

  /** Reads the process environment (and {@code PAVED_CONFIG}'s file when set). */
  public static PavedConfig load() {
    return from(SettingValues.fromEnvironment(System.getenv()));
  }

  public static PavedConfig from(SettingValues values) {
    Path home = Path.of(values.string(Settings.HOME)).toAbsolutePath().normalize();
    return new PavedConfig(
        home,
        ClickHouseConfig.from(values),
        KafkaConfig.from(values, home),
        IngestConfig.from(values),
        JobsConfig.from(values, home),
        ApiConfig.from(values));
  }

  public static PavedConfig defaults() {
    return from(SettingValues.of(Map.of(), Map.of()));
  }

  /** Where private servers keep their data. */
  public Path varDirectory() {
    return home.resolve("var");
  }
}
