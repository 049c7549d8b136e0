package dev.paved.ingest.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.ingest.IngestMain;
import dev.paved.ingest.http.Ingest;
import dev.paved.ingest.log.EventTopic;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of an ingest process under load: every event it acknowledged with {@code 2xx} is
 * in the topic afterwards, exactly once.
 */
class IngestProcessCrashTest {
  private static final String TOPIC = "events-ingest-crash";

  @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

  @Test
  void everyEventAcknowledgedBeforeAKill9IsInTheTopicExactlyOnce(@TempDir Path home)
      throws Exception {
    try (EventTopic topic = new EventTopic(kafka.bootstrapServers(), kafka.kafkaConfig(TOPIC))) {
      topic.createIfMissing(Duration.ofSeconds(30));
    }
    Process ingest = startIngestProcess(home);
    try {
      int port = awaitPort(ingest, home.resolve("ingest.log"));
      Set<String> acknowledged;
      try (Load load = new Load("http://127.0.0.1:" + port, "k", 4, 50, false)) {
        assertTrue(
            load.awaitAcknowledged(3_000, Duration.ofSeconds(60)),
            "ingest acknowledged only " + load.acknowledged().size() + " events");
        ingest.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no goodbye
        assertTrue(ingest.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, ingest.exitValue(), "killed by SIGKILL");
        acknowledged = Set.copyOf(load.acknowledged());
      }

      List<ConsumerRecord<String, byte[]>> records = kafka.readAll(TOPIC);
      Map<String, Long> copies =
          records.stream()
              .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
      for (String id : acknowledged) {
        assertEquals(1L, copies.getOrDefault(id, 0L), id + " was acknowledged");
      }
      assertTrue(
          copies.values().stream().allMatch(n -> n == 1),
          "no event is in the topic twice: " + duplicates(copies));
      assertTrue(records.size() >= acknowledged.size());
    } finally {
      ingest.destroyForcibly();
    }
  }

  private static Process startIngestProcess(Path home) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                IngestMain.class.getName())
            .redirectError(home.resolve("ingest.log").toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("PAVED_"));
    environment.put("PAVED_HOME", home.toString());
    environment.put("PAVED_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    environment.put("PAVED_KAFKA_TOPIC", TOPIC);
    environment.put("PAVED_INGEST_PORT", "0");
    environment.put("PAVED_INGEST_TOKENS", Ingest.TOKENS);
    return builder.start();
  }

  /** The port the child prints once it serves; its standard output is drained afterwards. */
  private static int awaitPort(Process ingest, Path log) throws Exception {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(ingest.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  if (line.startsWith(IngestMain.LISTENING)) {
                    port.complete(Integer.parseInt(line.substring(IngestMain.LISTENING.length())));
                  }
                }
              } catch (IOException | RuntimeException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(new IllegalStateException("ingest exited"));
            },
            "ingest-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      return port.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(
          "the ingest process did not start; its log:\n" + Files.readString(log), e);
    }
  }

  private static Map<String, Long> duplicates(Map<String, Long> copies) {
    return copies.entrySet().stream()
        .filter(e -> e.getValue() > 1)
        .limit(10)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
