package dev.paved.ingest.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.ingest.http.Ingest;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.model.Decoded;
import dev.paved.model.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A realistic day through the webhook endpoints only (pushes, a pull request with a review, a
 * squash merge, a failing and a successful deployment, a PagerDuty incident naming the service, a
 * Jira ticket) stores exactly the contract events a careful sender would have sent for it, written
 * here by hand.
 */
class WebhookSequenceTest {
  private static final String TOPIC = "webhooks-sequence";

  @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

  @Test
  void aRealisticDayThroughTheWebhooksStoresTheHandWrittenContractEvents() {
    try (Ingest ingest =
        Ingest.start(kafka, TOPIC, RealisticDay.settings(), Duration.ofSeconds(10))) {
      RealisticDay.deliver(ingest);
      Map<String, JsonNode> stored = new TreeMap<>();
      for (ConsumerRecord<String, byte[]> record : kafka.readAll(TOPIC)) {
        stored.put(record.key(), json(new String(record.value(), UTF_8)));
      }
      Map<String, JsonNode> expected = new TreeMap<>();
      for (String line : RealisticDay.CONTRACT_EVENTS.split("\n")) {
        JsonNode canonical = canonical(line);
        expected.put(canonical.get("id").asText(), canonical);
      }
      assertEquals(expected.keySet(), stored.keySet());
      expected.forEach((id, event) -> assertEquals(event, stored.get(id), id));
    }
  }

  private static JsonNode canonical(String line) {
    Decoded decoded = EventCodec.decode(json(line), Instant.parse("2026-11-28T00:00:00Z"));
    if (!(decoded instanceof Decoded.Valid valid)) {
      throw new AssertionError("the hand-written event is not valid: " + decoded + "\n" + line);
    }
    return json(new String(EventCodec.encode(valid.event()), UTF_8));
  }

  private static JsonNode json(String text) {
    try {
      return WebhookFixtures.JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
