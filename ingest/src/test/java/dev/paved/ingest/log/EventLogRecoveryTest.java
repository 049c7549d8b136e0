package dev.paved.ingest.log;

import static dev.paved.ingest.log.EventLogTest.find;
import static dev.paved.ingest.log.EventLogTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.ingest.testing.PrivateKafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker crashes under a running ingest and comes back; ingest is not restarted. */
class EventLogRecoveryTest {
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(3);

  @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

  @Test
  void appendsFailWithinTheDeliveryTimeoutWhileTheBrokerIsDownAndWorkAfterItsRestart()
      throws Exception {
    String topicName = "events-crash";
    String servers = kafka.bootstrapServers();
    try (EventTopic topic = new EventTopic(servers, kafka.kafkaConfig(topicName));
        EventLog log = new EventLog(servers, topicName, DELIVERY_TIMEOUT)) {
      topic.createIfMissing(Duration.ofSeconds(10));
      log.append(List.of(LogRecord.event("before", "github", "change", json("before"))))
          .get(10, TimeUnit.SECONDS);

      kafka.broker().kill();
      long start = System.nanoTime();
      CompletableFuture<Void> whileDown =
          log.append(List.of(LogRecord.event("while-down", "github", "change", json("lost"))));
      ExecutionException failure =
          assertThrows(ExecutionException.class, () -> whileDown.get(20, TimeUnit.SECONDS));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertInstanceOf(TimeoutException.class, failure.getCause());
      assertTrue(took.compareTo(DELIVERY_TIMEOUT.plusSeconds(2)) < 0, "failed after " + took);
      assertFalse(topic.writable(Duration.ofSeconds(1)));

      kafka.broker().restart();
      assertEquals(servers, kafka.bootstrapServers(), "same address, so clients reconnect");
      log.append(List.of(LogRecord.event("after", "github", "change", json("after"))))
          .get(10, TimeUnit.SECONDS);
      EventTopicTest.assertWritableSoon(topic);
    }

    List<ConsumerRecord<String, byte[]>> records = kafka.readAll(topicName);
    assertEquals(1, find(records, "before").size(), "acknowledged before the crash, so kept");
    assertEquals(1, find(records, "after").size());
  }
}
