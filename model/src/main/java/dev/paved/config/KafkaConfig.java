package dev.paved.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The event log. An empty {@code bootstrapServers} means "start a private broker" from the jars in
 * {@code brokerLibs}. Partitions, replication and retention apply when Paved creates the topic.
 */
public record KafkaConfig(
    Optional<String> bootstrapServers,
    String topic,
    int partitions,
    short replicationFactor,
    long retentionMs,
    Path brokerLibs) {

  static KafkaConfig from(SettingValues values, Path home) {
    String servers = values.string(Settings.KAFKA_BOOTSTRAP_SERVERS);
    String topic = values.string(Settings.KAFKA_TOPIC);
    if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
      throw new ConfigException(
          SettingValues.describe(Settings.KAFKA_TOPIC)
              + ": must be 1-249 characters of A-Z a-z 0-9 . _ - (got \""
              + topic
              + "\")");
    }
    return new KafkaConfig(
        servers.isBlank() ? Optional.empty() : Optional.of(servers),
        topic,
        values.integer(Settings.KAFKA_PARTITIONS, 1, 10_000),
        (short) values.integer(Settings.KAFKA_REPLICATION_FACTOR, 1, 32),
        values.longInteger(Settings.KAFKA_RETENTION_MS, -1),
        home.resolve(values.string(Settings.KAFKA_BROKER_LIBS)));
  }
}
