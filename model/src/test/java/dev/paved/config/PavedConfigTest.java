package dev.paved.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PavedConfigTest {

  @Test
  void defaultsRunLocally() {
    PavedConfig config = PavedConfig.defaults();
    assertEquals(Optional.empty(), config.clickhouse().url());
    assertEquals("paved", config.clickhouse().database());
    assertEquals(Optional.empty(), config.kafka().bootstrapServers());
    assertEquals(-1, config.kafka().retentionMs());
    assertEquals(8080, config.ingest().port());
    assertEquals(8081, config.api().port());
    assertEquals("local", config.ingest().tokens().get(0).source());
    assertTrue(config.ingest().tokens().get(0).allows("deploy"));
  }

  @Test
  void environmentOverridesFileWhichOverridesDefaults() {
    SettingValues values =
        SettingValues.of(
            Map.of("PAVED_CLICKHOUSE_DATABASE", "from_env"),
            Map.of("clickhouse.database", "from_file", "api.port", "9999"));
    PavedConfig config = PavedConfig.from(values);
    assertEquals("from_env", config.clickhouse().database());
    assertEquals(9999, config.api().port());
  }

  @Test
  void readsTheFileNamedByPavedConfig(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("paved.properties");
    Files.writeString(file, "clickhouse.url = http://ch.internal:8123\nkafka.partitions=12\n");
    PavedConfig config =
        PavedConfig.from(SettingValues.fromEnvironment(Map.of("PAVED_CONFIG", file.toString())));
    assertEquals(Optional.of("http://ch.internal:8123"), config.clickhouse().url());
    assertEquals(12, config.kafka().partitions());
  }

  @Test
  void productionEnvironmentsDefaultToProductionAndProd() {
    assertEquals(
        java.util.List.of("production", "prod"),
        PavedConfig.defaults().api().productionEnvironments());
    PavedConfig config =
        PavedConfig.from(
            SettingValues.of(
                Map.of("PAVED_METRICS_PRODUCTION_ENVIRONMENTS", " live, prod-eu ,live"), Map.of()));
    assertEquals(java.util.List.of("live", "prod-eu"), config.api().productionEnvironments());
    ConfigException empty =
        assertThrows(
            ConfigException.class,
            () ->
                PavedConfig.from(
                    SettingValues.of(
                        Map.of("PAVED_METRICS_PRODUCTION_ENVIRONMENTS", " , "), Map.of())));
    assertTrue(empty.getMessage().contains("metrics.production-environments"));
    ConfigException notASlug =
        assertThrows(
            ConfigException.class,
            () ->
                PavedConfig.from(
                    SettingValues.of(
                        Map.of("PAVED_METRICS_PRODUCTION_ENVIRONMENTS", "Prod'"), Map.of())));
    assertTrue(notASlug.getMessage().contains("metrics.production-environments"));
  }

  @Test
  void badValuesNameTheSetting() {
    ConfigException notANumber =
        assertThrows(
            ConfigException.class,
            () -> PavedConfig.from(SettingValues.of(Map.of("PAVED_API_PORT", "eighty"), Map.of())));
    assertTrue(notANumber.getMessage().startsWith("PAVED_API_PORT (api.port)"));

    ConfigException outOfRange =
        assertThrows(
            ConfigException.class,
            () ->
                PavedConfig.from(
                    SettingValues.of(Map.of("PAVED_KAFKA_PARTITIONS", "0"), Map.of())));
    assertTrue(outOfRange.getMessage().contains("kafka.partitions"));

    ConfigException badDatabase =
        assertThrows(
            ConfigException.class,
            () ->
                PavedConfig.from(
                    SettingValues.of(
                        Map.of("PAVED_CLICKHOUSE_DATABASE", "paved; DROP TABLE x"), Map.of())));
    assertTrue(badDatabase.getMessage().contains("clickhouse.database"));
  }

  @Test
  void unknownKeysInTheFileAreRejected() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> SettingValues.of(Map.of(), Map.of("clickhouse.ulr", "http://x")));
    assertTrue(e.getMessage().contains("clickhouse.ulr"));
  }

  @Test
  void parsesSourceTokensWithTheirEventTypes() {
    var tokens =
        IngestConfig.parseTokens("jenkins=tok-jenkins-1:change,deploy; survey=tok-survey-1:*");
    assertEquals(2, tokens.size());
    assertEquals("jenkins", tokens.get(0).source());
    assertTrue(tokens.get(0).allows("deploy"));
    assertFalse(tokens.get(0).allows("survey"));
    assertTrue(tokens.get(1).allows("survey"));
    assertFalse(tokens.get(0).toString().contains("tok-jenkins-1"), "tokens are never printed");
  }

  @Test
  void rejectsMalformedTokens() {
    assertThrows(ConfigException.class, () -> IngestConfig.parseTokens("no-equals-sign"));
    assertThrows(ConfigException.class, () -> IngestConfig.parseTokens("ci=short:*"));
    assertThrows(ConfigException.class, () -> IngestConfig.parseTokens("CI=long-enough-token:*"));
    assertThrows(ConfigException.class, () -> IngestConfig.parseTokens(" ; "));
  }

  @Test
  void everySettingIsDocumentedInTheConfigurationTable() throws Exception {
    Path root = Path.of(System.getProperty("paved.project.root", "..")).toAbsolutePath();
    String docs = Files.readString(root.resolve("docs/configuration.md"));
    for (Setting setting : Settings.ALL) {
      assertTrue(
          docs.contains("| `" + setting.environmentVariable() + "` | `" + setting.key() + "` |"),
          setting.key() + " is missing from docs/configuration.md");
    }
  }
}
