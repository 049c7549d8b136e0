package dev.paved.ingest.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.paved.ingest.log.EventTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

class PrivateKafkaExtensionTest {

  @Test
  void aTestClassGetsARunningBrokerAndLeavesNothingBehind() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(UsesTheBroker.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));

    assertFalse(ProcessHandle.of(UsesTheBroker.pid).map(ProcessHandle::isAlive).orElse(false));
    assertFalse(Files.exists(UsesTheBroker.directory), UsesTheBroker.directory + " still exists");
  }

  /** Run only through the test kit above: surefire skips nested classes. */
  static class UsesTheBroker {
    static long pid;
    static Path directory;

    @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

    @Test
    void brokerRuns() {
      pid = kafka.broker().pid();
      directory = kafka.broker().directory();
      assertTrue(kafka.broker().isRunning());
      assertEquals(
          kafka.broker().bootstrapServers(), kafka.kafkaConfig("t").bootstrapServers().get());
      assertEquals(0, kafka.readAll(createdTopic()).size());
    }

    private static String createdTopic() {
      try (EventTopic topic =
          new EventTopic(kafka.bootstrapServers(), kafka.kafkaConfig("empty"))) {
        topic.createIfMissing(Duration.ofSeconds(10));
        return topic.name();
      }
    }
  }
}
