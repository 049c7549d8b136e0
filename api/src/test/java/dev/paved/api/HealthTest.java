package dev.paved.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.api.health.ClickHouseStatus;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.Migrations;
import dev.paved.clickhouse.PrivateClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.PavedConfig;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final ObjectMapper json = new ObjectMapper();

  private static ApiServer server(ClickHouse connection) {
    return new ApiServer(PavedConfig.defaults().api(), new ClickHouseStatus(connection), json);
  }

  @Test
  void reportsReachableClickHouseWithEveryMigrationApplied() {
    JavalinTest.test(
        server(clickhouse.connection()).create(),
        (app, client) -> {
          var response = client.get("/health");
          assertEquals(200, response.code());
          JsonNode body = json.readTree(response.body().string());
          assertEquals("ok", body.path("status").asText());
          assertEquals(true, body.path("clickhouse").path("reachable").asBoolean());
          int shipped = Migrations.fromClasspath().migrations().size();
          assertEquals(shipped, body.path("clickhouse").path("migrations_applied").asInt());
          assertEquals(shipped, body.path("clickhouse").path("migrations_available").asInt());
        });
  }

  @Test
  void answers503WhenClickHouseIsUnreachable(@TempDir Path directory) {
    PrivateClickHouse stopped = PrivateClickHouse.start(clickhouse.config(), directory);
    try (ClickHouse gone = ClickHouse.connect(clickhouse.config(), stopped.httpUrl())) {
      stopped.close();
      JavalinTest.test(
          server(gone).create(),
          (app, client) -> {
            var response = client.get("/health");
            assertEquals(503, response.code());
            JsonNode body = json.readTree(response.body().string());
            assertEquals(false, body.path("clickhouse").path("reachable").asBoolean());
          });
    }
  }

  @Test
  void answers503WhenMigrationsArePending() {
    String database = clickhouse.freshDatabaseName("bare");
    clickhouse.connection().execute("CREATE DATABASE " + database);
    try (ClickHouse bare = clickhouse.connect(database)) {
      JavalinTest.test(
          server(bare).create(),
          (app, client) -> {
            var response = client.get("/health");
            assertEquals(503, response.code());
            JsonNode body = json.readTree(response.body().string());
            assertEquals("unavailable", body.path("status").asText());
            assertEquals(true, body.path("clickhouse").path("reachable").asBoolean());
            assertEquals(0, body.path("clickhouse").path("migrations_applied").asInt());
          });
    }
  }
}
