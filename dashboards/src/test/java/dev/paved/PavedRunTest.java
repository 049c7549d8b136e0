package dev.paved;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden path as a user meets it: {@code paved run} in a fresh home starts its own ClickHouse
 * and Kafka, serves health on both ports, and on a stop signal leaves no process behind.
 */
class PavedRunTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void runServesHealthAndStopsEverything(@TempDir Path home) throws Exception {
    int ingestPort = freePort();
    int apiPort = freePort();
    Path projectRoot = Path.of(System.getProperty("paved.project.root", "..")).toAbsolutePath();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.paved.Paved",
                "run")
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("paved.log").toFile());
    builder.environment().put("PAVED_HOME", home.toString());
    builder.environment().put("PAVED_INGEST_PORT", Integer.toString(ingestPort));
    builder.environment().put("PAVED_API_PORT", Integer.toString(apiPort));
    builder
        .environment()
        .put(
            "PAVED_KAFKA_BROKER_LIBS",
            projectRoot.resolve("ingest/target/kafka-broker").toString());
    Process paved = builder.start();
    try {
      assertEquals(200, awaitStatus("http://127.0.0.1:" + apiPort + "/health", paved, home));
      String health = get("http://127.0.0.1:" + apiPort + "/health").body();
      assertTrue(health.contains("\"reachable\":true"), health);
      assertTrue(health.contains("\"migrations_applied\":"), health);
      assertEquals(200, awaitStatus("http://127.0.0.1:" + ingestPort + "/ready", paved, home));
      assertTrue(Files.isDirectory(home.resolve("var/clickhouse")));
      assertTrue(Files.isDirectory(home.resolve("var/kafka")));

      List<ProcessHandle> children = paved.descendants().toList();
      assertFalse(children.isEmpty(), "the private servers run as child processes");

      paved.destroy(); // SIGTERM: the same shutdown path as Ctrl-C
      assertTrue(paved.waitFor(60, TimeUnit.SECONDS), "paved stops within a minute");
      for (ProcessHandle child : children) {
        child.onExit().get(20, TimeUnit.SECONDS);
        assertFalse(child.isAlive(), "left running: " + child.info().commandLine().orElse("?"));
      }
    } finally {
      paved.descendants().forEach(ProcessHandle::destroyForcibly);
      paved.destroyForcibly();
    }
  }

  private int awaitStatus(String url, Process paved, Path home) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (!paved.isAlive()) {
        fail("paved exited early:\n" + Files.readString(home.resolve("paved.log")));
      }
      try {
        int status = get(url).statusCode();
        if (status == 200) {
          return status;
        }
      } catch (IOException notYetListening) {
        // keep polling until the deadline
      }
      Thread.sleep(250);
    }
    fail("no 200 from " + url + ":\n" + Files.readString(home.resolve("paved.log")));
    return -1;
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
