package dev.paved.jobs.runtime;

import java.util.Locale;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Flink's {@link KafkaSource} over the event topic, producing {@link LoggedEvent}s with {@link
 * EventLogDeserializer}. Watermarks are added where the source enters the job ({@link
 * EventTimeWatermarks}).
 */
public final class EventLogSource {
  private EventLogSource() {}

  /**
   * @param consumerGroup the streaming job's group, where offsets are committed at each completed
   *     checkpoint (for monitoring and for a start without a checkpoint); a backfill uses {@code
   *     consumerGroup + "-backfill"} and commits nothing
   */
  public static KafkaSource<LoggedEvent> create(
      String bootstrapServers, String topic, String consumerGroup, JobMode mode) {
    KafkaSourceBuilder<LoggedEvent> builder =
        KafkaSource.<LoggedEvent>builder()
            .setBootstrapServers(bootstrapServers)
            .setTopics(topic)
            .setDeserializer(new EventLogDeserializer())
            .setClientIdPrefix("paved-jobs-" + mode.name().toLowerCase(Locale.ROOT));
    return switch (mode) {
      case STREAMING ->
          builder
              .setGroupId(consumerGroup)
              .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
              .setProperty("commit.offsets.on.checkpoint", "true")
              // New partitions of the topic are picked up within a minute.
              .setProperty("partition.discovery.interval.ms", "60000")
              .build();
      case BACKFILL ->
          builder
              .setGroupId(consumerGroup + "-backfill")
              .setStartingOffsets(OffsetsInitializer.earliest())
              .setBounded(OffsetsInitializer.latest())
              .setProperty("commit.offsets.on.checkpoint", "false")
              .build();
    };
  }
}
