package dev.paved.ingest.testing;

import dev.paved.config.KafkaConfig;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.ingest.log.PrivateKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One private Kafka broker per test class, in a temporary directory that is deleted afterwards.
 * Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();
 * }</pre>
 *
 * <p>The broker's jars come from {@code ingest/target/kafka-broker} of the project root (the {@code
 * paved.project.root} system property the build sets, or a directory above the working directory),
 * so ingest must have been built first.
 */
public final class PrivateKafkaExtension implements BeforeAllCallback, AfterAllCallback {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private Path directory;
  private PrivateKafkaBroker broker;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    directory = Files.createTempDirectory("paved-kafka-");
    broker = PrivateKafkaBroker.start(defaults().brokerLibs(), directory);
  }

  /** Where the build copied the broker's jars: for tests that start brokers of their own. */
  public static Path brokerLibs() {
    return defaults().brokerLibs();
  }

  /** Paved's default Kafka settings, with {@code home} at the project root. */
  private static KafkaConfig defaults() {
    return PavedConfig.from(
            SettingValues.of(Map.of("PAVED_HOME", projectRoot().toString()), Map.of()))
        .kafka();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (broker != null) {
        broker.close();
      }
    } finally {
      deleteRecursively(directory);
    }
  }

  public String bootstrapServers() {
    return broker().bootstrapServers();
  }

  /** Paved's default Kafka settings, pointing at this broker and the given topic. */
  public KafkaConfig kafkaConfig(String topic) {
    KafkaConfig defaults = defaults();
    return new KafkaConfig(
        Optional.of(bootstrapServers()),
        topic,
        defaults.partitions(),
        defaults.replicationFactor(),
        defaults.retentionMs(),
        defaults.brokerLibs());
  }

  /** The broker itself, to kill or restart it. */
  public PrivateKafkaBroker broker() {
    if (broker == null) {
      throw new IllegalStateException(
          "No broker: register PrivateKafkaExtension on a static field with @RegisterExtension");
    }
    return broker;
  }

  /**
   * Every record of the topic from the beginning up to its current end, ordered by partition then
   * offset. Reads without a consumer group, so nothing is committed.
   */
  public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, READ_TIMEOUT).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Read only " + records.size() + " records of " + topic + " within " + READ_TIMEOUT);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      records.sort(
          Comparator.<ConsumerRecord<String, byte[]>>comparingInt(ConsumerRecord::partition)
              .thenComparingLong(ConsumerRecord::offset));
      return records;
    }
  }

  /**
   * The nearest directory holding {@code ingest/} at or above {@code paved.project.root} (where
   * Maven was started, which may be a module) or else the working directory (surefire's is the
   * module).
   */
  private static Path projectRoot() {
    Path start = Path.of(System.getProperty("paved.project.root", ".")).toAbsolutePath();
    for (Path dir = start.normalize(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("ingest").resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "Cannot find the Paved project root (a directory with ingest/pom.xml) above " + start);
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
