package dev.paved;

import dev.paved.api.ApiServer;
import dev.paved.api.health.ClickHouseStatus;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.Migrations;
import dev.paved.clickhouse.PrivateClickHouse;
import dev.paved.config.PavedConfig;
import dev.paved.dashboards.Dashboards;
import dev.paved.ingest.IngestMain;
import dev.paved.ingest.log.EventTopic;
import dev.paved.ingest.log.PrivateKafkaBroker;
import dev.paved.ingest.synthetic.IngestStreamer;
import dev.paved.ingest.synthetic.OrganisationShape;
import dev.paved.ingest.synthetic.SyntheticOrganisation;
import dev.paved.ingest.webhooks.Webhooks;
import dev.paved.jobs.PavedJobs;
import dev.paved.jobs.RunningJob;
import dev.paved.model.EventCodec;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
  private static final int DEMO_EVENTS_PER_SECOND = 5_000;

  private final PavedConfig config;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final List<String> urls = new ArrayList<>();
  private String clickhouseUrl;
  private String bootstrapServers;
  private int ingestPort;

  Stack(PavedConfig config) {
    this.config = config;
  }

  void start(String command, boolean demo) {
    boolean all = command.equals("run");
    if (demo && !all) {
      throw new IllegalArgumentException("--demo needs the whole product: ./paved run --demo");
    }
    boolean jobs = all || command.equals("jobs") || command.equals("backfill");
    if (jobs || command.equals("ingest")) {
      startEventLog();
    }
    if (jobs || command.equals("api")) {
      startStorage();
    }
    if (all || command.equals("jobs")) {
      startJobs();
    }
    if (command.equals("backfill")) {
      backfill();
    }
    if (all || command.equals("ingest")) {
      startIngest();
    }
    if (all || command.equals("api")) {
      startApi();
    }
    if (demo) {
      startDemoStream();
    }
  }

  /**
   * Sends the small synthetic organisation's last 60 days (ending today) through ingest, as a
   * sender would, so every dashboard has data; in the background, so Paved serves meanwhile.
   */
  private void startDemoStream() {
    OrganisationShape small = OrganisationShape.small();
    Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    OrganisationShape recent =
        new OrganisationShape(
            small.teams(),
            small.developers(),
            small.services(),
            today.minus(small.duration()),
            small.duration());
    IngestStreamer streamer =
        new IngestStreamer(
            URI.create("http://127.0.0.1:" + ingestPort + "/v1/events"),
            config.ingest().tokens().get(0).token(),
            1_000,
            DEMO_EVENTS_PER_SECOND);
    Thread sender =
        new Thread(
            () -> {
              try {
                IngestStreamer.Sent sent =
                    streamer.stream(new SyntheticOrganisation(recent, 42).iterator());
                log.info(
                    "demo: sent {} events of a synthetic organisation ({} accepted, {} duplicates,"
                        + " {} rejected)",
                    sent.events(),
                    sent.accepted(),
                    sent.duplicates(),
                    sent.rejected());
              } catch (IOException e) {
                log.error("demo: the synthetic stream stopped: {}", e.getMessage());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "paved-demo");
    sender.setDaemon(true);
    sender.start();
    urls.add(
        "demo:                  streaming a synthetic organisation ("
            + small.teams()
            + " teams, "
            + small.developers()
            + " developers, 60 days) through ingest");
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

  private void startJobs() {
    RunningJob job = PavedJobs.start(config, bootstrapServers, clickhouseUrl);
    started.push(job);
    urls.add(
        "jobs:                  streaming on a local Flink MiniCluster"
            + job.resumedFrom().map(p -> " (resumed from " + p.getFileName() + ")").orElse(""));
  }

  /**
   * Replays the whole event log through every pipeline into fresh metric tables, swapped in when it
   * succeeds ({@link PavedJobs#backfill}). Starts no streaming job: one must not run meanwhile.
   */
  private void backfill() {
    long began = System.nanoTime();
    PavedJobs.backfill(config, bootstrapServers, clickhouseUrl);
    urls.add(
        String.format(
            "backfill:              replayed the event log into fresh metric tables in %.1f s",
            (System.nanoTime() - began) / 1e9));
  }

  private void startIngest() {
    IngestMain ingest = IngestMain.serve(config, bootstrapServers);
    started.push(ingest);
    ingestPort = ingest.port();
    urls.add("ingest:                http://localhost:" + ingest.port() + "/v1/events");
    for (String tool : Webhooks.configured(config.ingest().webhooks())) {
      urls.add(
          String.format(
              "%-22s http://localhost:%d/v1/webhooks/%s", tool + ":", ingest.port(), tool));
    }
  }

  private void startApi() {
    ClickHouse clickhouse = ClickHouse.connect(config.clickhouse(), clickhouseUrl);
    started.push(clickhouse);
    Javalin api =
        new ApiServer(config.api(), new ClickHouseStatus(clickhouse), EventCodec.mapper())
            .create(new Dashboards(config.api()))
            .start(config.api().port());
    started.push(api::stop);
    urls.add("dashboards:            http://localhost:" + api.port() + "/dashboards/scorecard");
    urls.add(
        "read API:              http://localhost:" + api.port() + "/api/v1  (health: /health)");
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
