package dev.paved.ingest.log;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The durable event log, producer side: ingest answers a sender only once every event of its batch
 * is here. One instance serves the whole server and recovers by itself when the broker comes back;
 * appends made while it is away fail within the delivery timeout instead of hanging.
 */
public final class EventLog implements AutoCloseable {
  public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  /** How long {@code send} may block for metadata or buffer space: a down broker shows quickly. */
  private static final Duration MAX_BLOCK = Duration.ofSeconds(3);

  private static final int LINGER_MS = 5;

  /**
   * Bytes of records per partition that one produce request may carry. Kafka's 16 KiB default
   * splits a 1,000-event request (~300 KB) into some twenty batches, and a produce request takes
   * one batch per partition: with the broker syncing to disk ({@code flush.messages}) ingest then
   * paid a sync per 16 KiB. Buffers come from the producer's pool ({@code buffer.memory}, 32 MiB).
   */
  private static final int BATCH_BYTES = 256 * 1024;

  private final String topic;
  private final Duration deliveryTimeout;
  private final Producer<String, byte[]> producer;

  public EventLog(String bootstrapServers, String topic) {
    this(bootstrapServers, topic, DEFAULT_DELIVERY_TIMEOUT);
  }

  /**
   * @param deliveryTimeout how long an append may take, retries included, before it fails; at least
   *     one second
   */
  public EventLog(String bootstrapServers, String topic, Duration deliveryTimeout) {
    if (deliveryTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "The event log's delivery timeout must be at least 1 s, got " + deliveryTimeout);
    }
    this.topic = topic;
    this.deliveryTimeout = deliveryTimeout;
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // Every replica in sync has the record before it counts as written, and retries never
    // duplicate or reorder within a partition.
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
    // Kafka requires delivery >= linger + request timeout; half leaves room for a second attempt
    // when a request to a stalled broker times out.
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis() / 2);
    properties.put(
        ProducerConfig.MAX_BLOCK_MS_CONFIG,
        Math.min(MAX_BLOCK.toMillis(), deliveryTimeout.toMillis()));
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // A few milliseconds of waiting fills batches from concurrent requests.
    properties.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
    this.producer =
        new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
  }

  public String topic() {
    return topic;
  }

  public Duration deliveryTimeout() {
    return deliveryTimeout;
  }

  /**
   * Appends the records; the future completes when the broker has acknowledged every one of them,
   * or exceptionally (with the Kafka client's exception) as soon as one fails, e.g. with a {@code
   * TimeoutException} when the broker stayed unreachable for the delivery timeout. After a failure
   * some records may be in the log all the same, so a sender that retries can create duplicates:
   * they share the key, hence the partition, and consumers drop them by event id.
   *
   * <p>The future completes on Kafka's network thread: attach slow work with an {@code *Async}
   * method.
   */
  public CompletableFuture<Void> append(List<LogRecord> records) {
    CompletableFuture<Void> appended = new CompletableFuture<>();
    if (records.isEmpty()) {
      appended.complete(null);
      return appended;
    }
    AtomicInteger pending = new AtomicInteger(records.size());
    for (LogRecord record : records) {
      try {
        producer.send(
            toProducerRecord(record),
            (metadata, error) -> {
              if (error != null) {
                appended.completeExceptionally(error);
              } else if (pending.decrementAndGet() == 0) {
                appended.complete(null);
              }
            });
      } catch (RuntimeException e) {
        appended.completeExceptionally(e);
      }
      // A record refused before it was queued (no metadata within max.block.ms, closed log) means
      // the next ones would each block as long again.
      if (appended.isCompletedExceptionally()) {
        break;
      }
    }
    return appended;
  }

  private ProducerRecord<String, byte[]> toProducerRecord(LogRecord record) {
    ProducerRecord<String, byte[]> producerRecord =
        new ProducerRecord<>(topic, record.key(), record.value());
    for (Map.Entry<String, String> header : record.headers().entrySet()) {
      producerRecord
          .headers()
          .add(
              new RecordHeader(
                  header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8)));
    }
    return producerRecord;
  }

  /** Waits up to the delivery timeout for appends under way, then closes the producer. */
  @Override
  public void close() {
    producer.close(deliveryTimeout);
  }
}
