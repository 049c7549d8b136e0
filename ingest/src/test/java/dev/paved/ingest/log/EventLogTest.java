package dev.paved.ingest.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.ingest.testing.PrivateKafkaExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventLogTest {
  @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

  @Test
  void appendedEventsAreReadBackWithKeyValueAndHeaders() throws Exception {
    String topicName = "events-appended";
    try (EventTopic topic = new EventTopic(kafka.bootstrapServers(), kafka.kafkaConfig(topicName));
        EventLog log = new EventLog(kafka.bootstrapServers(), topicName)) {
      topic.createIfMissing(Duration.ofSeconds(10));
      log.append(
              List.of(
                  LogRecord.event("evt-1", "github", "change", json("first")),
                  LogRecord.event("evt-2", "argo", "deploy", json("second")),
                  LogRecord.event("evt-1", "github", "change", json("first, resent"))))
          .get(30, TimeUnit.SECONDS);
    }

    List<ConsumerRecord<String, byte[]>> records = kafka.readAll(topicName);
    assertEquals(3, records.size());
    ConsumerRecord<String, byte[]> second = find(records, "evt-2").get(0);
    assertEquals("{\"note\":\"second\"}", new String(second.value(), UTF_8));
    assertEquals(
        Map.of("source", "argo", "type", "deploy", "content-type", "application/json"),
        headers(second));
    List<ConsumerRecord<String, byte[]>> duplicates = find(records, "evt-1");
    assertEquals(2, duplicates.size());
    assertEquals(
        duplicates.get(0).partition(), duplicates.get(1).partition(), "same key, same partition");
  }

  @Test
  void anEmptyAppendCompletesAtOnce() {
    try (EventLog log = new EventLog(kafka.bootstrapServers(), "events-untouched")) {
      assertTrue(log.append(List.of()).isDone());
    }
  }

  @Test
  void aDeliveryTimeoutBelowOneSecondIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new EventLog(kafka.bootstrapServers(), "events", Duration.ofMillis(500)));
  }

  static byte[] json(String note) {
    return ("{\"note\":\"" + note + "\"}").getBytes(UTF_8);
  }

  static List<ConsumerRecord<String, byte[]>> find(
      List<ConsumerRecord<String, byte[]>> records, String key) {
    return records.stream().filter(r -> r.key().equals(key)).toList();
  }

  static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), new String(header.value(), UTF_8));
    }
    return headers;
  }
}
