package dev.paved;

import dev.paved.api.ApiServer;
import dev.paved.api.health.ClickHouseStatus;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.Migrations;
import dev.paved.clickhouse.PrivateClickHouse;
import dev.paved.config.PavedConfig;
import dev.paved.ingest.IngestServer;
import dev.paved.ingest.log.EventLog;
import dev.paved.ingest.log.EventTopic;
import dev.paved.ingest.log.PrivateKafkaBroker;
import dev.paved.model.EventCodec;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of Paved one process runs, started in data-flow order and stopped in reverse, so
 * nothing is left running: the private servers are child processes that stop with it.
 */
final class Stack {
  private static final Logger log = LoggerFactory.getLogger(Stack.class);

  private final PavedConfig config;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final List<String> urls = new ArrayList<>();
  private String clickhouseUrl;
  private String bootstrapServers;

  Stack(PavedConfig config) {
    this.config = config;
  }

  void start(String command, boolean demo) {
    boolean all = command.equals("run");
    if (all || command.equals("ingest") || command.equals("jobs")) {
      startEventLog();
    }
    if (all || command.equals("jobs") || command.equals("api")) {
      startStorage();
    }
    if (all || command.equals("ingest")) {
      startIngest();
    }
    if (all || command.equals("api")) {
      startApi();
    }
    if (demo) {
      log.info("--demo: the synthetic organisation's stream starts once its generator is wired");
    }
  }

  private void startEventLog() {
    bootstrapServers =
        config
            .kafka()
            .bootstrapServers()
            .orElseGet(
                () -> {
                  PrivateKafkaBroker broker =
                      PrivateKafkaBroker.start(
                          config.kafka().brokerLibs(), config.varDirectory().resolve("kafka"));
                  started.push(broker);
                  urls.add("private Kafka broker:  " + broker.bootstrapServers() + " (var/kafka)");
                  return broker.bootstrapServers();
                });
    try (EventTopic topic = new EventTopic(bootstrapServers, config.kafka())) {
      topic.createIfMissing(Duration.ofSeconds(30));
    }
  }

  private void startStorage() {
    clickhouseUrl =
        config
            .clickhouse()
            .url()
            .orElseGet(
                () -> {
                  PrivateClickHouse server =
                      PrivateClickHouse.start(
                          config.clickhouse(), config.varDirectory().resolve("clickhouse"));
                  started.push(server);
                  urls.add("private ClickHouse:    " + server.httpUrl() + " (var/clickhouse)");
                  return server.httpUrl();
                });
    try (ClickHouse clickhouse = ClickHouse.connect(config.clickhouse(), clickhouseUrl)) {
      Migrations.fromClasspath().apply(clickhouse);
      log.info("ClickHouse {} at {}: schema is current", clickhouse.serverVersion(), clickhouseUrl);
    }
  }

  private void startIngest() {
    EventLog eventLog =
        new EventLog(bootstrapServers, config.kafka().topic(), EventLog.DEFAULT_DELIVERY_TIMEOUT);
    started.push(eventLog);
    EventTopic readiness = new EventTopic(bootstrapServers, config.kafka());
    started.push(readiness);
    Javalin ingest =
        new IngestServer(config.ingest(), eventLog, readiness::writable, Clock.systemUTC())
            .create()
            .start(config.ingest().port());
    started.push(ingest::stop);
    urls.add("ingest:                http://localhost:" + ingest.port() + "/v1/events");
  }

  private void startApi() {
    ClickHouse clickhouse = ClickHouse.connect(config.clickhouse(), clickhouseUrl);
    started.push(clickhouse);
    Javalin api =
        new ApiServer(config.api(), new ClickHouseStatus(clickhouse), EventCodec.mapper())
            .create()
            .start(config.api().port());
    started.push(api::stop);
    urls.add("API and dashboards:    http://localhost:" + api.port() + "/  (health: /health)");
  }

  void printUrls() {
    System.out.println();
    System.out.println("Paved is running. Ctrl-C stops everything.");
    urls.forEach(url -> System.out.println("  " + url));
    System.out.println();
  }

  /** Stops what was started, newest first; idempotent because the shutdown hook may race. */
  synchronized void close() {
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
