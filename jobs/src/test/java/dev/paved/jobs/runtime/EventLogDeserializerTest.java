package dev.paved.jobs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.ingest.log.LogRecord;
import dev.paved.jobs.runtime.testing.TestEvents;
import dev.paved.model.Event;
import dev.paved.model.EventCodec;
import dev.paved.model.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class EventLogDeserializerTest {
  private final EventLogDeserializer deserializer = new EventLogDeserializer();
  private final Event event = TestEvents.change("gh-1", "2026-03-02T09:14:00.120Z", "checkout");

  @Test
  void readsIdTypeAndTimeFromTheJsonAndSenderAndReceivedAtFromTheHeaders() {
    LoggedEvent logged =
        deserializer
            .parse(
                record(
                    EventCodec.encode(event),
                    header(EventLogDeserializer.SOURCE_HEADER, "github-app"),
                    header(EventLogDeserializer.RECEIVED_AT_HEADER, "2026-03-02T09:15:00.5Z")))
            .orElseThrow();
    assertEquals("gh-1", logged.id());
    assertEquals(EventType.CHANGE, logged.type());
    assertEquals(Instant.parse("2026-03-02T09:14:00.120Z").toEpochMilli(), logged.timeMillis());
    assertEquals("github-app", logged.sender());
    assertEquals(
        Instant.parse("2026-03-02T09:15:00.500Z").toEpochMilli(), logged.receivedAtMillis());
    assertEquals(event, logged.event());
  }

  @Test
  void theHeaderNamesAreTheOnesIngestWrites() {
    assertEquals(LogRecord.SOURCE_HEADER, EventLogDeserializer.SOURCE_HEADER);
  }

  @Test
  void withoutHeadersTheSenderIsEmptyAndReceivedAtIsTheRecordTimestamp() {
    LoggedEvent logged = deserializer.parse(record(EventCodec.encode(event))).orElseThrow();
    assertEquals("", logged.sender());
    assertEquals(42_000L, logged.receivedAtMillis());
  }

  @Test
  void recordsThatAreNotEventsAreSkipped() {
    assertEquals(Optional.empty(), deserializer.parse(record(null)));
    assertEquals(Optional.empty(), deserializer.parse(record(bytes("not json"))));
    assertEquals(Optional.empty(), deserializer.parse(record(bytes("[1,2]"))));
    assertEquals(
        Optional.empty(), deserializer.parse(record(bytes("{\"id\":\"x\",\"type\":\"change\"}"))));
    assertEquals(
        Optional.empty(),
        deserializer.parse(
            record(bytes("{\"id\":\"x\",\"type\":\"nope\",\"time\":\"2026-03-02T09:14:00Z\"}"))));
    assertEquals(
        Optional.empty(),
        deserializer.parse(
            record(bytes("{\"id\":\"x\",\"type\":\"change\",\"time\":\"yesterday\"}"))));
    assertEquals(
        Optional.empty(),
        deserializer.parse(record(bytes("{\"id\":\"x\",\"type\":\"change\",\"time\":"))));
  }

  @Test
  void fieldsInAnyOrderAndNestedValuesBeforeThemAreRead() {
    Optional<LoggedEvent> logged =
        deserializer.parse(
            record(
                bytes(
                    "{\"attributes\":{\"id\":\"no\",\"time\":1},\"time\":\"2026-03-02T09:14:00Z\","
                        + "\"type\":\"deploy\",\"id\":\"d-1\"}")));
    assertTrue(logged.isPresent());
    assertEquals("d-1", logged.get().id());
    assertEquals(EventType.DEPLOY, logged.get().type());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static RecordHeader header(String name, String value) {
    return new RecordHeader(name, bytes(value));
  }

  private static ConsumerRecord<byte[], byte[]> record(byte[] value, RecordHeader... headers) {
    return new ConsumerRecord<>(
        "paved.events",
        0,
        7,
        42_000L,
        TimestampType.CREATE_TIME,
        -1,
        value == null ? -1 : value.length,
        bytes("key"),
        value,
        new RecordHeaders(headers),
        Optional.empty());
  }
}
