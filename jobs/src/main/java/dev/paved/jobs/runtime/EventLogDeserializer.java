package dev.paved.jobs.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.paved.model.EventCodec;
import dev.paved.model.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one record of the event log (see "Event log message format" in {@code ingest/README.md})
 * into a {@link LoggedEvent}, reading only what every operator needs: the JSON's {@code id}, {@code
 * type} and {@code time} (the first fields of the canonical JSON, so parsing stops there), and the
 * {@code source} and {@code received-at} headers. The rest of the JSON is decoded later, where it
 * is used.
 *
 * <p>A record that is not an event (no JSON object with a valid id, type and time) cannot come from
 * ingest; it is skipped, logged with its partition and offset, and counted in the metric {@code
 * malformedRecords}, so that one bad record cannot stop the jobs.
 */
public final class EventLogDeserializer implements KafkaRecordDeserializationSchema<LoggedEvent> {
  /** Header naming the source of the ingest token that sent the event. */
  public static final String SOURCE_HEADER = "source";

  /** Header holding when ingest received the event, an ISO-8601 instant. */
  public static final String RECEIVED_AT_HEADER = "received-at";

  private static final Logger LOG = LoggerFactory.getLogger(EventLogDeserializer.class);
  private static final JsonFactory JSON = EventCodec.mapper().getFactory();
  private static final EventType[] TYPES = EventType.values();

  private transient Counter malformed;
  private transient long malformedSeen;

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    malformed = context.getMetricGroup().counter("malformedRecords");
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LoggedEvent> out) {
    Optional<LoggedEvent> event = parse(record);
    if (event.isPresent()) {
      out.collect(event.get());
    }
  }

  /** The event in the record, or empty (logged and counted) if the record holds none. */
  Optional<LoggedEvent> parse(ConsumerRecord<byte[], byte[]> record) {
    byte[] json = record.value();
    if (json == null) {
      return skip(record, "it has no value");
    }
    String id = null;
    EventType type = null;
    long time = 0;
    boolean hasTime = false;
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return skip(record, "its value is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME
          && (id == null || type == null || !hasTime)) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "id" -> id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
          case "type" -> type = value == JsonToken.VALUE_STRING ? type(parser.getText()) : null;
          case "time" -> {
            if (value == JsonToken.VALUE_STRING) {
              time = CanonicalTime.parseMillis(parser.getText());
              hasTime = true;
            }
          }
          default -> parser.skipChildren();
        }
      }
    } catch (IOException | DateTimeParseException | ArithmeticException e) {
      return skip(record, "its value does not parse: " + e.getMessage());
    }
    if (id == null || id.isEmpty() || type == null || !hasTime) {
      return skip(record, "its JSON lacks a valid id, type or time");
    }
    return Optional.of(
        new LoggedEvent(
            id, type, time, header(record, SOURCE_HEADER).orElse(""), receivedAt(record), json));
  }

  private static EventType type(String wireName) {
    for (EventType type : TYPES) {
      if (type.wireName().equals(wireName)) {
        return type;
      }
    }
    return null;
  }

  /** The {@code received-at} header; the record's timestamp (when it was produced) without it. */
  private static long receivedAt(ConsumerRecord<byte[], byte[]> record) {
    Optional<String> header = header(record, RECEIVED_AT_HEADER);
    if (header.isPresent()) {
      try {
        return CanonicalTime.parseMillis(header.get());
      } catch (DateTimeParseException | ArithmeticException e) {
        // Fall back to the record's timestamp, a few milliseconds later than ingest's clock.
      }
    }
    return record.timestamp();
  }

  private static Optional<String> header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  private Optional<LoggedEvent> skip(ConsumerRecord<byte[], byte[]> record, String why) {
    if (malformed != null) {
      malformed.inc();
    }
    malformedSeen++;
    // Every one of the first ten, then one in a thousand: a flood of bad records cannot flood the
    // log.
    if (malformedSeen <= 10 || malformedSeen % 1000 == 0) {
      LOG.warn(
          "Skipping record {}-{}@{} of the event log ({} skipped so far): {}",
          record.topic(),
          record.partition(),
          record.offset(),
          malformedSeen,
          why);
    }
    return Optional.empty();
  }

  @Override
  public TypeInformation<LoggedEvent> getProducedType() {
    return LoggedEventTypeInfo.INSTANCE;
  }
}
