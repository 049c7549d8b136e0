package dev.paved.ingest.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.ingest.http.Ingest;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kill -9} of the Kafka broker under load, then its restart: ingest never acknowledged an
 * event that is not in the topic afterwards, and serves {@code 2xx} again without a restart of its
 * own.
 */
class BrokerCrashTest {
  private static final String TOPIC = "events-broker-crash";

  @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

  @Test
  void noEventIsAcknowledgedThatTheTopicLacksAfterABrokerCrashAndIngestRecoversByItself()
      throws Exception {
    Set<String> acknowledged;
    try (Ingest ingest =
            Ingest.start(
                kafka,
                TOPIC,
                java.util.Map.of("PAVED_INGEST_ACK_TIMEOUT_MS", "2000"),
                Duration.ofSeconds(3));
        Load load = new Load(ingest.base(), "b", 3, 20, true)) {
      assertTrue(load.awaitAcknowledged(1_000, Duration.ofSeconds(60)), "no load before the crash");

      kafka.broker().kill();
      Thread.sleep(1_000);
      int acknowledgedWhileDown = load.acknowledged().size();
      Thread.sleep(3_000);
      assertEquals(
          acknowledgedWhileDown,
          load.acknowledged().size(),
          "nothing is acknowledged while the broker is down");
      assertTrue(load.failures() > 0, "requests failed while the broker was down");
      assertEquals(503, ingest.get("/ready").status());

      kafka.broker().restart();
      long restarted = System.nanoTime();
      long deadline = restarted + Duration.ofSeconds(60).toNanos();
      while (load.lastAcknowledgedAt() < restarted) {
        assertTrue(System.nanoTime() < deadline, "ingest did not recover by itself");
        Thread.sleep(50);
      }
      assertTrue(load.awaitAcknowledged(acknowledgedWhileDown + 500, Duration.ofSeconds(30)));
      assertEquals(200, ingest.get("/ready").status());
      load.close();
      acknowledged = Set.copyOf(load.acknowledged());
    }

    Set<String> stored =
        kafka.readAll(TOPIC).stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    List<String> lost = acknowledged.stream().filter(id -> !stored.contains(id)).limit(10).toList();
    assertTrue(lost.isEmpty(), "acknowledged but not in the topic: " + lost);
  }
}
