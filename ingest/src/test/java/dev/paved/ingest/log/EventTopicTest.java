package dev.paved.ingest.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.config.KafkaConfig;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventTopicTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

  @Test
  void createsAMissingTopicWithTheDefaultSettings() throws Exception {
    KafkaConfig config = kafka.kafkaConfig("events-defaults");
    try (EventTopic topic = new EventTopic(kafka.bootstrapServers(), config)) {
      assertTrue(topic.createIfMissing(TIMEOUT));
      assertEquals(3, partitions("events-defaults"));
      assertEquals("-1", retentionMs("events-defaults"), "keeps everything for backfill");
      assertFalse(topic.createIfMissing(TIMEOUT), "created once");
      assertWritableSoon(topic);
    }
  }

  @Test
  void createsAMissingTopicWithConfiguredSettings() throws Exception {
    KafkaConfig config =
        new KafkaConfig(
            Optional.of(kafka.bootstrapServers()),
            "events-configured",
            2,
            (short) 1,
            Duration.ofDays(7).toMillis(),
            PrivateKafkaExtension.brokerLibs());
    try (EventTopic topic = new EventTopic(kafka.bootstrapServers(), config)) {
      assertTrue(topic.createIfMissing(TIMEOUT));
    }
    assertEquals(2, partitions("events-configured"));
    assertEquals(Long.toString(Duration.ofDays(7).toMillis()), retentionMs("events-configured"));
  }

  @Test
  void leavesAnExistingTopicAsItIs() throws Exception {
    try (Admin admin = admin()) {
      admin
          .createTopics(
              List.of(
                  new NewTopic("events-existing", 1, (short) 1)
                      .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "60000"))))
          .all()
          .get();
    }
    try (EventTopic topic =
        new EventTopic(kafka.bootstrapServers(), kafka.kafkaConfig("events-existing"))) {
      assertFalse(topic.createIfMissing(TIMEOUT));
      assertWritableSoon(topic);
    }
    assertEquals(1, partitions("events-existing"));
    assertEquals("60000", retentionMs("events-existing"));
  }

  @Test
  void aMissingTopicIsNotWritable() {
    try (EventTopic topic =
        new EventTopic(kafka.bootstrapServers(), kafka.kafkaConfig("events-never-created"))) {
      assertFalse(topic.writable(Duration.ofSeconds(2)));
    }
  }

  /**
   * An idempotent producer's first batch to a topic created a moment earlier: if it met a leader
   * not yet serving its partition it could retry OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery
   * timeout. {@code createIfMissing} returns only once every leader serves, so each first append
   * lands at once, here on every partition of several fresh topics.
   */
  @Test
  void theFirstAppendToAJustCreatedTopicLands() throws Exception {
    for (int round = 0; round < 6; round++) {
      String name = "events-fresh-" + round;
      KafkaConfig config =
          new KafkaConfig(
              Optional.of(kafka.bootstrapServers()),
              name,
              6,
              (short) 1,
              -1,
              PrivateKafkaExtension.brokerLibs());
      List<LogRecord> records = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        records.add(
            LogRecord.event("evt-" + i, "github", "change", "{}".getBytes(StandardCharsets.UTF_8)));
      }
      try (EventTopic topic = new EventTopic(kafka.bootstrapServers(), config);
          EventLog log = new EventLog(kafka.bootstrapServers(), name, Duration.ofSeconds(8))) {
        assertTrue(topic.createIfMissing(TIMEOUT));
        log.append(records).get(10, TimeUnit.SECONDS);
      }
      assertEquals(60, kafka.readAll(name).size(), name);
    }
  }

  /** Leaders of a new topic are elected within moments of its creation. */
  static void assertWritableSoon(EventTopic topic) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!topic.writable(Duration.ofSeconds(2))) {
      assertTrue(System.nanoTime() < deadline, topic.name() + " did not become writable");
      Thread.sleep(100);
    }
  }

  private static int partitions(String topic) throws Exception {
    try (Admin admin = admin()) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .size();
    }
  }

  private static String retentionMs(String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try (Admin admin = admin()) {
      return admin
          .describeConfigs(List.of(resource))
          .all()
          .get()
          .get(resource)
          .get(TopicConfig.RETENTION_MS_CONFIG)
          .value();
    }
  }

  private static Admin admin() {
    return Admin.create(
        Map.<String, Object>of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }
}
