package dev.paved.jobs.bench;

import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.PrivateClickHouse;
import dev.paved.config.KafkaConfig;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.ingest.log.EventLog;
import dev.paved.ingest.log.LogRecord;
import dev.paved.ingest.log.PrivateKafkaBroker;
import dev.paved.ingest.synthetic.OrganisationShape;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.jobs.PavedJobs;
import dev.paved.jobs.RunningJob;
import dev.paved.jobs.runtime.testing.TestEvents;
import dev.paved.model.Event;
import dev.paved.model.EventCodec;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The backfill and freshness figures of targets.md. Not a test: a program that prints its figures.
 *
 * <pre>
 * mvn -q -pl jobs test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g -cp "jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/cp.txt)" \
 *   dev.paved.jobs.bench.BackfillBenchmark [--events N] [--runs R] [--freshness-events K] [--seed S]
 * </pre>
 *
 * In one run, on a private Kafka broker and a private ClickHouse in a temporary directory:
 *
 * <ol>
 *   <li>appends the first {@code N} events (default: all, ~10 M) of the reference organisation
 *       ({@link OrganisationShape#reference()}, seed {@code S}) to a topic as ingest would ({@link
 *       SyntheticEventLog}), and writes the same canonical JSON lines to an NDJSON file;
 *   <li>{@code R} times (default 1): the backfill ({@link PavedJobs#backfill}, a local MiniCluster
 *       with Paved's default settings) into a fresh database, then the peer: ClickHouse loading the
 *       same NDJSON file by itself ({@code INSERT INTO raw_events FORMAT JSONEachRow}, the file as
 *       the HTTP body, as {@code clickhouse-client < file} would) into a ReplacingMergeTree of the
 *       events' top-level columns; prints both times and their ratio;
 *   <li>freshness: the streaming job ({@link PavedJobs#start}, default settings) on a quiet topic;
 *       {@code K} events (default 200) appended one at a time, 100 ms apart, with ingest's {@link
 *       EventLog}; for each, the time from the append's acknowledgement to its row being visible in
 *       ClickHouse (polled every 20 ms); prints p50, p95 and max.
 * </ol>
 */
public final class BackfillBenchmark {
  private static final String PEER_TABLE =
      "(id String, type String, time String, team String, actor String, service String, source"
          + " String) ENGINE = ReplacingMergeTree ORDER BY id";

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    long events = Long.parseLong(options.getOrDefault("events", String.valueOf(Long.MAX_VALUE)));
    int runs = Integer.parseInt(options.getOrDefault("runs", "1"));
    int freshnessEvents = Integer.parseInt(options.getOrDefault("freshness-events", "200"));
    long seed = Long.parseLong(options.getOrDefault("seed", "1"));
    Path directory = Files.createTempDirectory("paved-backfill-benchmark-");
    try {
      run(directory, events, runs, freshnessEvents, seed);
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private static void run(Path directory, long limit, int runs, int freshnessEvents, long seed)
      throws Exception {
    PavedConfig defaults = PavedConfig.defaults();
    System.out.printf(
        "machine: %d cores, %s%n",
        Runtime.getRuntime().availableProcessors(),
        Files.readString(Path.of("/proc/loadavg")).trim());
    try (PrivateKafkaBroker kafka =
            PrivateKafkaBroker.start(
                PrivateKafkaExtension.brokerLibs(), directory.resolve("kafka"));
        PrivateClickHouse clickhouse =
            PrivateClickHouse.start(defaults.clickhouse(), directory.resolve("clickhouse"))) {
      String topic = "benchmark.events";
      Path ndjson = directory.resolve("events.ndjson");
      long started = System.nanoTime();
      SyntheticEventLog.Appended appended;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(ndjson), 1 << 20)) {
        appended =
            SyntheticEventLog.append(
                kafka.bootstrapServers(),
                topicConfig(defaults, kafka.bootstrapServers(), topic),
                OrganisationShape.reference(),
                seed,
                limit,
                out);
      }
      System.out.printf(
          "generated and appended %,d events (%,d MB; %,d invalid lines left out) in %.1f s%n",
          appended.events(), appended.bytes() >> 20, appended.skipped(), seconds(started));

      for (int run = 1; run <= runs; run++) {
        PavedConfig config = config(directory, topic, "backfill_" + run);
        started = System.nanoTime();
        PavedJobs.backfill(config, kafka.bootstrapServers(), clickhouse.httpUrl());
        double backfill = seconds(started);
        long rows = count(config, clickhouse.httpUrl(), "events");
        double peer = peer(clickhouse.httpUrl(), "peer_" + run, ndjson);
        long peerRows =
            count(config(directory, topic, "peer_" + run), clickhouse.httpUrl(), "raw_events");
        System.out.printf(
            "run %d: backfill %,d events in %.1f s (%,.0f events/s; %,d rows in events);"
                + " ClickHouse loading the NDJSON alone %.2f s (%,.0f events/s; %,d rows); ratio"
                + " %.2f%n",
            run,
            appended.events(),
            backfill,
            appended.events() / backfill,
            rows,
            peer,
            appended.events() / peer,
            peerRows,
            backfill / peer);
      }
      freshness(directory, kafka, clickhouse, freshnessEvents);
    }
  }

  /** ClickHouse loading the NDJSON file by itself, in one streamed insert: the peer. */
  private static double peer(String url, String database, Path ndjson) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    post(http, url, "CREATE DATABASE IF NOT EXISTS " + database, null);
    post(http, url, "CREATE TABLE " + database + ".raw_events " + PEER_TABLE, null);
    long started = System.nanoTime();
    post(
        http,
        url + "/?input_format_skip_unknown_fields=1",
        "INSERT INTO " + database + ".raw_events FORMAT JSONEachRow",
        ndjson);
    return seconds(started);
  }

  private static void post(HttpClient http, String url, String query, Path body) throws Exception {
    String separator = url.contains("?") ? "&" : "/?";
    URI uri =
        URI.create(url + separator + "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofFile(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(query + ": " + response.body());
    }
  }

  /** Append → visible in ClickHouse, for events appended one at a time to a streaming job. */
  private static void freshness(
      Path directory, PrivateKafkaBroker kafka, PrivateClickHouse clickhouse, int count)
      throws Exception {
    if (count <= 0) {
      return;
    }
    String topic = "freshness.events";
    PavedConfig config = config(directory, topic, "freshness");
    PavedConfig defaults = PavedConfig.defaults();
    try (var events =
        new dev.paved.ingest.log.EventTopic(
            kafka.bootstrapServers(), topicConfig(defaults, kafka.bootstrapServers(), topic))) {
      events.createIfMissing(Duration.ofSeconds(30));
    }
    List<Long> latencies = new ArrayList<>();
    try (RunningJob job = PavedJobs.start(config, kafka.bootstrapServers(), clickhouse.httpUrl());
        EventLog log = new EventLog(kafka.bootstrapServers(), topic);
        ClickHouse db = ClickHouse.connect(config.clickhouse(), clickhouse.httpUrl())) {
      // Warm-up: the job is running and writing once its first event is visible.
      visibleAfter(log, db, "warmup", Duration.ofMinutes(2));
      for (int i = 0; i < count; i++) {
        latencies.add(visibleAfter(log, db, "fresh-" + i, Duration.ofSeconds(60)));
        Thread.sleep(100);
      }
    }
    Collections.sort(latencies);
    System.out.printf(
        "freshness (streaming, default settings): %d events appended one at a time; append ack →"
            + " row visible: p50 %d ms, p95 %d ms, max %d ms%n",
        latencies.size(),
        latencies.get(latencies.size() / 2),
        latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1),
        latencies.get(latencies.size() - 1));
  }

  /** Appends one event now and returns the milliseconds from its acknowledgement to its row. */
  private static long visibleAfter(EventLog log, ClickHouse db, String id, Duration timeout)
      throws Exception {
    Instant now = Instant.now();
    Event event = TestEvents.change(id, now.toString(), "team-freshness");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(LogRecord.SOURCE_HEADER, "benchmark");
    headers.put(LogRecord.TYPE_HEADER, event.type().wireName());
    headers.put("received-at", now.toString());
    headers.put(LogRecord.CONTENT_TYPE_HEADER, LogRecord.JSON);
    log.append(List.of(new LogRecord(id, EventCodec.encode(event), headers)))
        .get(30, TimeUnit.SECONDS);
    long acknowledged = System.nanoTime();
    long deadline = acknowledged + timeout.toNanos();
    String query = "SELECT count() AS n FROM " + db.table("events") + " WHERE id = '" + id + "'";
    while (true) {
      try {
        if (db.queryRows(query).get(0).get("n").asLong() > 0) {
          return (System.nanoTime() - acknowledged) / 1_000_000;
        }
      } catch (RuntimeException tableNotYetCreated) {
        // The job applies the migrations when it starts.
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(id + " not visible within " + timeout);
      }
      Thread.sleep(20);
    }
  }

  private static long count(PavedConfig config, String url, String table) {
    try (ClickHouse db = ClickHouse.connect(config.clickhouse(), url)) {
      return db.queryRows("SELECT count() AS n FROM " + db.table(table) + " FINAL")
          .get(0)
          .get("n")
          .asLong();
    }
  }

  private static PavedConfig config(Path directory, String topic, String database) {
    Map<String, String> environment = new HashMap<>();
    environment.put("PAVED_HOME", directory.resolve("home-" + database).toString());
    environment.put("PAVED_KAFKA_TOPIC", topic);
    environment.put("PAVED_CLICKHOUSE_DATABASE", database);
    environment.put("PAVED_JOBS_CONSUMER_GROUP", "benchmark-" + database);
    return PavedConfig.from(SettingValues.of(environment, Map.of()));
  }

  private static KafkaConfig topicConfig(
      PavedConfig defaults, String bootstrapServers, String topic) {
    KafkaConfig kafka = defaults.kafka();
    return new KafkaConfig(
        Optional.of(bootstrapServers),
        topic,
        kafka.partitions(),
        kafka.replicationFactor(),
        kafka.retentionMs(),
        kafka.brokerLibs());
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException(
            "usage: BackfillBenchmark [--events N] [--runs R] [--freshness-events K] [--seed S]");
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }
}
