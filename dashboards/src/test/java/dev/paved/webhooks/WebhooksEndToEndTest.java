package dev.paved.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.api.ApiServer;
import dev.paved.api.health.ClickHouseStatus;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.ingest.http.Ingest;
import dev.paved.ingest.http.Ingest.Response;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.ingest.webhooks.RealisticDay;
import dev.paved.jobs.PavedJobs;
import dev.paved.model.EventCodec;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": a realistic day replayed through the webhook endpoints only yields the
 * same delivery metric rows in the API as the same history sent as contract events to {@code
 * /v1/events}, and those rows are the numbers worked out by hand below. Each history goes through
 * ingest into its own topic, the jobs backfill each into its own ClickHouse database, and an API
 * server reads each.
 */
@Timeout(300)
class WebhooksEndToEndTest {
  @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String RANGE = "?from=2026-11-01&to=2026-11-09";

  @Test
  void theWebhookDayAndTheContractDayGiveTheSameHandComputedRows(@TempDir Path home)
      throws Exception {
    try (Ingest webhooks =
        Ingest.start(kafka, "day.webhooks", RealisticDay.settings(), Duration.ofSeconds(10))) {
      RealisticDay.deliver(webhooks);
    }
    try (Ingest contract = Ingest.start(kafka, "day.contract", Map.of(), Duration.ofSeconds(10))) {
      Response response = contract.postNdjson(RealisticDay.CONTRACT_EVENTS);
      assertEquals(200, response.status(), response.toString());
      assertEquals(13, response.json().get("accepted").asInt(), response.toString());
    }
    String viaWebhooks = backfill(home.resolve("w"), "day.webhooks");
    String viaContract = backfill(home.resolve("c"), "day.contract");

    Javalin webhookApi = api(viaWebhooks);
    Javalin contractApi = api(viaContract);
    try {
      for (String path :
          new String[] {
            "/delivery/lead-time",
            "/delivery/lead-time-breakdown",
            "/delivery/deployments",
            "/delivery/change-failure-rate",
            "/delivery/recovery-time"
          }) {
        assertEquals(
            rows(contractApi, path), rows(webhookApi, path), path + ": webhooks vs contract");
      }

      // Lead time: M1 authored 08:00, shipped 09:00: 3,600 s; the pull request's first commit
      // 09:30, shipped by the successful 16:00 deploy (the 15:30 one failed): 23,400 s.
      // Two values: median = mean = 13,500; p90 = 3,600 + 0.9 x 19,800 = 21,420.
      JsonNode leadTime = rows(webhookApi, "/delivery/lead-time").get(0);
      assertEquals("2026-11-02", leadTime.get("period").asText());
      assertEquals(2, leadTime.get("count").asInt());
      assertEquals(13_500, leadTime.get("median").asDouble(), 1e-6);
      assertEquals(21_420, leadTime.get("p90").asDouble(), 1e-6);
      assertEquals(13_500, leadTime.get("mean").asDouble(), 1e-6);

      // Breakdown of the pull request: coding 09:30 -> 11:00 = 5,400; pickup 11:00 -> 13:00 =
      // 7,200; review 13:00 -> 15:00 = 7,200; deploy 15:00 -> 16:00 = 3,600.
      JsonNode stages = rows(webhookApi, "/delivery/lead-time-breakdown");
      assertEquals(4, stages.size(), stages.toString());
      String[] names = {"coding", "pickup", "review", "deploy"};
      double[] seconds = {5_400, 7_200, 7_200, 3_600};
      for (int i = 0; i < 4; i++) {
        assertEquals(names[i], stages.get(i).get("stage").asText());
        assertEquals(1, stages.get(i).get("count").asInt());
        assertEquals(seconds[i], stages.get(i).get("median").asDouble(), 1e-6, names[i]);
      }

      // Deployments: 09:00 and 16:00 succeeded, on one day; 15:30 failed.
      JsonNode deployments = rows(webhookApi, "/delivery/deployments").get(0);
      assertEquals(2, deployments.get("count").asInt());
      assertEquals(1, deployments.get("deploy_days").asInt());
      assertEquals(1, deployments.get("failed").asInt());

      // Change failure rate: 3 production deploys; failed: the 15:30 one, and the 16:00 one, to
      // which the 16:30 incident on the service is attributed (inferred: it names no deploy).
      JsonNode failureRate = rows(webhookApi, "/delivery/change-failure-rate").get(0);
      assertEquals(3, failureRate.get("count").asInt());
      assertEquals(2, failureRate.get("failed").asInt());
      assertEquals(2.0 / 3, failureRate.get("rate").asDouble(), 1e-9);
      assertEquals(1, failureRate.get("inferred").asInt());

      // Recovery: 16:30 -> 17:10 = 2,400 s.
      JsonNode recovery = rows(webhookApi, "/delivery/recovery-time").get(0);
      assertEquals(1, recovery.get("count").asInt());
      assertEquals(2_400, recovery.get("median").asDouble(), 1e-6);
    } finally {
      webhookApi.stop();
      contractApi.stop();
    }
  }

  private static PavedConfig config(Path home, String topic, String database) {
    return PavedConfig.from(
        SettingValues.of(
            Map.of(
                "PAVED_HOME",
                home.toString(),
                "PAVED_KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "PAVED_KAFKA_TOPIC",
                topic,
                "PAVED_CLICKHOUSE_URL",
                clickhouse.httpUrl(),
                "PAVED_CLICKHOUSE_DATABASE",
                database,
                "PAVED_JOBS_CONSUMER_GROUP",
                "group-" + topic,
                "PAVED_API_PORT",
                "0"),
            Map.of()));
  }

  /** Backfills {@code topic} into a fresh database; returns the database. */
  private static String backfill(Path home, String topic) {
    String database = clickhouse.freshDatabaseName(topic.replace('.', '_'));
    PavedJobs.backfill(
        config(home, topic, database), kafka.bootstrapServers(), clickhouse.httpUrl());
    return database;
  }

  private static Javalin api(String database) {
    PavedConfig config = config(Path.of("."), "unused", database);
    ClickHouse connection = clickhouse.connect(database);
    return new ApiServer(config.api(), new ClickHouseStatus(connection), EventCodec.mapper())
        .create()
        .start(0);
  }

  private static JsonNode rows(Javalin api, String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api.port() + "/api/v1" + path + RANGE))
                .header("Authorization", "Bearer paved-dev-read-token")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return JSON.readTree(response.body()).get("rows");
  }
}
