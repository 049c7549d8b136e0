package dev.paved.ingest.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.ingest.testing.PrivateKafkaExtension;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateKafkaBrokerTest {
  private static final Path LIBS = PrivateKafkaExtension.brokerLibs();

  @Test
  void startsAnswersClientsAndStopsWithoutLeavingAProcess(@TempDir Path dir) throws Exception {
    ProcessHandle process;
    try (PrivateKafkaBroker broker = PrivateKafkaBroker.start(LIBS, dir)) {
      process = ProcessHandle.of(broker.pid()).orElseThrow();
      try (Admin admin = admin(broker)) {
        assertEquals(1, admin.describeCluster().nodes().get().size());
      }
      assertTrue(broker.bootstrapServers().startsWith("127.0.0.1:"));
      assertEquals(Long.toString(broker.pid()), Files.readString(dir.resolve("broker.pid")));
      Properties server = load(dir.resolve("server.properties"));
      assertEquals("broker,controller", server.getProperty("process.roles"));
      assertEquals("false", server.getProperty("auto.create.topics.enable"));
      assertTrue(Files.exists(dir.resolve("data").resolve("meta.properties")));
    }
    assertFalse(process.isAlive());
    assertFalse(Files.exists(dir.resolve("broker.pid")));
  }

  @Test
  void keepsItsDataAndPortsAcrossRestartsAndCrashes(@TempDir Path dir) throws Exception {
    String servers;
    String clusterId;
    try (PrivateKafkaBroker broker = PrivateKafkaBroker.start(LIBS, dir)) {
      servers = broker.bootstrapServers();
      clusterId = load(dir.resolve("data").resolve("meta.properties")).getProperty("cluster.id");
      try (Admin admin = admin(broker)) {
        admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
      }
    }

    try (PrivateKafkaBroker broker = PrivateKafkaBroker.start(LIBS, dir)) {
      assertEquals(servers, broker.bootstrapServers());
      assertEquals(
          clusterId,
          load(dir.resolve("data").resolve("meta.properties")).getProperty("cluster.id"),
          "formatted once");
      assertEquals(Set.of("kept"), topics(broker));

      broker.kill();
      assertFalse(broker.isRunning());
      broker.restart();
      assertEquals(servers, broker.bootstrapServers());
      assertEquals(Set.of("kept"), topics(broker));
    }
  }

  @Test
  void movesToNewPortsWhenTheOldOnesAreTaken(@TempDir Path dir) throws Exception {
    int oldPort;
    try (PrivateKafkaBroker broker = PrivateKafkaBroker.start(LIBS, dir)) {
      oldPort = port(broker);
      try (Admin admin = admin(broker)) {
        admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
      }
    }
    try (ServerSocket squatter = new ServerSocket(oldPort, 1, InetAddress.getByName("127.0.0.1"));
        PrivateKafkaBroker broker = PrivateKafkaBroker.start(LIBS, dir)) {
      assertNotEquals(oldPort, port(broker));
      assertEquals(Set.of("kept"), topics(broker), "KRaft accepts a moved static voter");
    }
  }

  @Test
  void stopsABrokerThatACrashedRunLeftRunning(@TempDir Path dir) throws Exception {
    PrivateKafkaBroker leftBehind = PrivateKafkaBroker.start(LIBS, dir);
    ProcessHandle leftProcess = ProcessHandle.of(leftBehind.pid()).orElseThrow();
    try (PrivateKafkaBroker broker = PrivateKafkaBroker.start(LIBS, dir)) {
      assertFalse(leftProcess.isAlive());
      assertEquals(leftBehind.bootstrapServers(), broker.bootstrapServers());
      leftBehind.close();
      assertEquals(Long.toString(broker.pid()), Files.readString(dir.resolve("broker.pid")));
      assertEquals(Set.of(), topics(broker));
    } finally {
      leftBehind.close();
    }
  }

  @Test
  void missingJarsSayHowToBuildThem(@TempDir Path dir) {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> PrivateKafkaBroker.start(dir.resolve("no-such-dir"), dir.resolve("kafka")));
    assertTrue(e.getMessage().contains("mvn -pl ingest package"), e.getMessage());
  }

  @Test
  void aBrokerThatCannotRunReportsTheEndOfItsLog(@TempDir Path dir) throws IOException {
    Path libs = Files.createDirectories(dir.resolve("libs"));
    Files.createFile(libs.resolve("not-kafka.jar"));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> PrivateKafkaBroker.start(libs, dir.resolve("kafka")));
    assertTrue(e.getMessage().contains("kafka.tools.StorageTool"), e.getMessage());
  }

  private static Admin admin(PrivateKafkaBroker broker) {
    return Admin.create(
        Map.<String, Object>of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  private static Set<String> topics(PrivateKafkaBroker broker) throws Exception {
    try (Admin admin = admin(broker)) {
      return admin.listTopics().names().get();
    }
  }

  private static int port(PrivateKafkaBroker broker) {
    String servers = broker.bootstrapServers();
    return Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
  }

  private static Properties load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    return properties;
  }
}
