package dev.paved.ingest.http;

import static dev.paved.ingest.http.EventsEndpointTest.assertProblem;
import static dev.paved.ingest.http.Ingest.change;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.config.KafkaConfig;
import dev.paved.config.PavedConfig;
import dev.paved.ingest.http.Ingest.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ingest whose Kafka is unreachable: not ready, every request {@code 503} with {@code Retry-After}
 * (never {@code 2xx}), a retry is not mistaken for a duplicate, and requests beyond the in-flight
 * limit are refused with {@code 429} at once.
 */
class KafkaDownTest {

  @Test
  void withoutKafkaIngestIsNotReadyAnswers503AndRefusesWorkBeyondItsLimitWith429()
      throws Exception {
    KafkaConfig defaults = PavedConfig.defaults().kafka();
    KafkaConfig unreachable =
        new KafkaConfig(
            Optional.of("127.0.0.1:" + unusedPort()),
            "events-nowhere",
            defaults.partitions(),
            defaults.replicationFactor(),
            defaults.retentionMs(),
            defaults.brokerLibs());
    try (Ingest ingest =
        Ingest.start(
            unreachable.bootstrapServers().get(),
            unreachable,
            Map.of(
                "PAVED_INGEST_MAX_IN_FLIGHT_REQUESTS", "1",
                "PAVED_INGEST_ACK_TIMEOUT_MS", "5000"),
            Duration.ofSeconds(2),
            false)) {
      Response ready = ingest.get("/ready");
      assertEquals(503, ready.status(), ready.toString());
      assertEquals("5", ready.header("Retry-After"));
      assertEquals(200, ingest.get("/health").status(), "alive all the same");

      CompletableFuture<Response> first =
          CompletableFuture.supplyAsync(() -> ingest.postJson(change("down-1")));
      awaitInFlight(ingest);
      Response refused = ingest.postJson(change("down-2"));
      assertProblem(refused, 429, "Too Many Requests", "retry shortly");
      assertEquals("1", refused.header("Retry-After"));

      Response unavailable = first.get(30, TimeUnit.SECONDS);
      assertProblem(unavailable, 503, "Event Log Unavailable", "retry with the same ids");
      assertEquals("5", unavailable.header("Retry-After"));

      Response retry = ingest.postJson(change("down-1"));
      assertEquals(503, retry.status(), "the failed claim was released: " + retry);

      String metrics = ingest.get("/metrics").body();
      assertTrue(metrics.contains("paved_ingest_broker_errors_total 2.0"), metrics);
      assertTrue(metrics.contains("paved_ingest_overloaded_requests_total 1.0"), metrics);
      assertTrue(metrics.contains("paved_ingest_requests_total{status=\"503\"} 2.0"), metrics);
    }
  }

  private static void awaitInFlight(Ingest ingest) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!ingest.get("/metrics").body().contains("paved_ingest_in_flight_requests 1.0")) {
      assertTrue(System.nanoTime() < deadline, "the first request never got under way");
      Thread.sleep(20);
    }
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
