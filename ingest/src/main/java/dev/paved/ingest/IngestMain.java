package dev.paved.ingest;

import dev.paved.config.ConfigException;
import dev.paved.config.PavedConfig;
import dev.paved.ingest.log.EventLog;
import dev.paved.ingest.log.EventTopic;
import dev.paved.ingest.log.PrivateKafkaBroker;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest server alone, as a process: reads {@link PavedConfig} (environment variables {@code
 * PAVED_*}, or the file named by {@code PAVED_CONFIG}), uses the Kafka cluster of {@code
 * kafka.bootstrap-servers} or, when that is empty, starts the private broker under {@code
 * var/kafka}, creates the event topic when it is missing and serves on {@code ingest.port}.
 *
 * <p>Once it serves, it prints one line to standard output, {@code paved ingest listening on
 * http://127.0.0.1:PORT}, which tells a parent process the port when {@code ingest.port} is 0.
 * SIGTERM stops it cleanly; it is built to survive SIGKILL too, since it answers {@code 2xx} only
 * for events Kafka acknowledged.
 */
public final class IngestMain implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IngestMain.class);
  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

  /** The line printed once the server serves; the port follows it. */
  public static final String LISTENING = "paved ingest listening on http://127.0.0.1:";

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private Javalin server;

  private IngestMain() {}

  public static void main(String[] args) {
    PavedConfig config;
    try {
      config = PavedConfig.load();
    } catch (ConfigException e) {
      System.err.println("paved ingest: bad setting: " + e.getMessage());
      System.exit(2);
      return;
    }
    IngestMain ingest = new IngestMain();
    Runtime.getRuntime().addShutdownHook(new Thread(ingest::close, "paved-ingest-stop"));
    try {
      ingest.startParts(config);
    } catch (RuntimeException e) {
      log.error("Ingest could not start: {}", e.getMessage(), e);
      System.err.println("paved ingest: could not start: " + e.getMessage());
      ingest.close();
      System.exit(1);
      return;
    }
    System.out.println(LISTENING + ingest.port());
    System.out.flush();
  }

  /** Starts the event log (and the private broker if configured so) and the server. */
  public static IngestMain start(PavedConfig config) {
    IngestMain ingest = new IngestMain();
    try {
      ingest.startParts(config);
    } catch (RuntimeException e) {
      ingest.close();
      throw e;
    }
    return ingest;
  }

  /**
   * Starts the server on the Kafka cluster at {@code bootstrapServers} (creating the event topic
   * when it is missing), for a process that runs the broker itself, as {@code ./paved run} does;
   * {@link #close()} stops the server and the event log, not the broker.
   */
  public static IngestMain serve(PavedConfig config, String bootstrapServers) {
    IngestMain ingest = new IngestMain();
    try {
      ingest.serveOn(config, bootstrapServers);
    } catch (RuntimeException e) {
      ingest.close();
      throw e;
    }
    return ingest;
  }

  private void startParts(PavedConfig config) {
    String bootstrapServers =
        config
            .kafka()
            .bootstrapServers()
            .orElseGet(
                () -> {
                  PrivateKafkaBroker broker =
                      PrivateKafkaBroker.start(
                          config.kafka().brokerLibs(), config.varDirectory().resolve("kafka"));
                  started.push(broker);
                  return broker.bootstrapServers();
                });
    serveOn(config, bootstrapServers);
  }

  private void serveOn(PavedConfig config, String bootstrapServers) {
    EventTopic topic = new EventTopic(bootstrapServers, config.kafka());
    started.push(topic);
    topic.createIfMissing(TOPIC_TIMEOUT);
    EventLog eventLog =
        new EventLog(bootstrapServers, config.kafka().topic(), EventLog.DEFAULT_DELIVERY_TIMEOUT);
    started.push(eventLog);
    server =
        new IngestServer(config.ingest(), eventLog, topic::writable, Clock.systemUTC())
            .create()
            .start(config.ingest().port());
    started.push(server::stop);
    log.info(
        "Ingest serves on port {}, appending to topic {} at {}",
        server.port(),
        config.kafka().topic(),
        bootstrapServers);
  }

  public int port() {
    return server.port();
  }

  /** Stops the server, then the event log (waiting for appends under way), then the broker. */
  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        log.warn("while stopping {}: {}", part, e.toString());
      }
    }
  }
}
