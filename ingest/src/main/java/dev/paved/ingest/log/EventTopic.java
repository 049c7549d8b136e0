package dev.paved.ingest.log;

import dev.paved.config.KafkaConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topic that holds the event log. Paved creates it with its settings when it is missing and
 * otherwise only checks it: an existing topic is never changed or deleted, since it may hold the
 * only copy of the events.
 */
public final class EventTopic implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventTopic.class);

  private final KafkaConfig config;
  private final String bootstrapServers;
  private final Admin admin;

  /**
   * @param bootstrapServers the cluster to use: {@code config}'s, or the private broker's
   * @param config the topic's name and the settings it gets when Paved creates it
   */
  public EventTopic(String bootstrapServers, KafkaConfig config) {
    this.config = config;
    this.bootstrapServers = bootstrapServers;
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.admin = Admin.create(properties);
  }

  public String name() {
    return config.topic();
  }

  /**
   * Creates the topic with the configured partitions, replication factor and {@code retention.ms}
   * when it does not exist; otherwise logs a warning for each setting that differs and leaves it as
   * it is.
   *
   * @return whether this call created the topic
   * @throws IllegalStateException when the cluster does not answer within {@code timeout}
   */
  public boolean createIfMissing(Duration timeout) {
    try {
      if (describe(timeout).isPresent()) {
        checkExisting(timeout);
        return false;
      }
      NewTopic topic =
          new NewTopic(config.topic(), config.partitions(), config.replicationFactor())
              .configs(
                  Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(config.retentionMs())));
      admin
          .createTopics(List.of(topic), new CreateTopicsOptions().timeoutMs(millis(timeout)))
          .all()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info(
          "Created topic {} with {} partitions, replication factor {}, retention.ms {}",
          config.topic(),
          config.partitions(),
          config.replicationFactor(),
          config.retentionMs());
      awaitLeaders(timeout);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        // Another ingest instance created it between our look and our create.
        checkExisting(timeout);
        return false;
      }
      throw new IllegalStateException(
          "Cannot create topic " + config.topic() + " on " + bootstrapServers + ": " + e.getCause(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka at "
              + bootstrapServers
              + " did not answer within "
              + timeout.toSeconds()
              + " s while Paved prepared topic "
              + config.topic(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while preparing topic " + config.topic(), e);
    }
  }

  /**
   * Waits until the leader of every partition of a just-created topic serves it. The topic's
   * description names a leader before that broker has taken the partition on, and an idempotent
   * producer whose first batch meets NOT_LEADER_OR_FOLLOWER there can then retry
   * OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout (kafka-clients 4.2 against broker 4.4).
   * A {@code ListOffsets} request is answered only by a partition's serving leader, and the admin
   * client retries it through leader changes, so once every partition has answered one, the first
   * produce request finds its leader ready.
   */
  private void awaitLeaders(Duration timeout) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!writable(Duration.ofSeconds(2))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Topic " + config.topic() + " has partitions without a leader after " + timeout);
      }
      Thread.sleep(100);
    }
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    for (int partition = 0; partition < config.partitions(); partition++) {
      partitions.put(new TopicPartition(config.topic(), partition), OffsetSpec.latest());
    }
    while (true) {
      Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
      try {
        admin
            .listOffsets(partitions, new ListOffsetsOptions().timeoutMs(millis(left)))
            .all()
            .get(left.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (System.nanoTime() > deadline || !(e.getCause() instanceof RetriableException)) {
          throw new IllegalStateException(
              "The leaders of topic " + config.topic() + " do not serve it: " + e.getCause(),
              e.getCause());
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * Whether an append could succeed now: the topic exists and every partition has a leader with at
   * least one in-sync replica. For readiness checks; answers {@code false} rather than throw.
   */
  public boolean writable(Duration timeout) {
    try {
      return describe(timeout)
          .map(
              topic ->
                  topic.partitions().stream()
                      .allMatch(
                          p -> p.leader() != null && !p.leader().isEmpty() && !p.isr().isEmpty()))
          .orElse(false);
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Optional<TopicDescription> describe(Duration timeout)
      throws ExecutionException, TimeoutException, InterruptedException {
    try {
      return Optional.of(
          admin
              .describeTopics(
                  Set.of(config.topic()), new DescribeTopicsOptions().timeoutMs(millis(timeout)))
              .allTopicNames()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .get(config.topic()));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private void checkExisting(Duration timeout) {
    try {
      TopicDescription topic =
          describe(timeout)
              .orElseThrow(() -> new IllegalStateException(config.topic() + " vanished"));
      if (topic.partitions().size() != config.partitions()) {
        LOG.warn(
            "Topic {} exists with {} partitions, kafka.partitions says {}; leaving it as it is",
            config.topic(),
            topic.partitions().size(),
            config.partitions());
      }
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, config.topic());
      Config topicConfig =
          admin
              .describeConfigs(
                  List.of(resource), new DescribeConfigsOptions().timeoutMs(millis(timeout)))
              .all()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .get(resource);
      String retention = topicConfig.get(TopicConfig.RETENTION_MS_CONFIG).value();
      if (!Long.toString(config.retentionMs()).equals(retention)) {
        LOG.warn(
            "Topic {} exists with retention.ms {}, kafka.retention-ms says {}; leaving it as it is"
                + " (a backfill can only replay what the topic still holds)",
            config.topic(),
            retention,
            config.retentionMs());
      }
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("Cannot check the settings of topic {}: {}", config.topic(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int millis(Duration timeout) {
    return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
