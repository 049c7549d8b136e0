package dev.paved.jobs.raw;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.Migrations;
import dev.paved.clickhouse.PrivateClickHouse;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.ingest.log.EventLog;
import dev.paved.ingest.log.EventTopic;
import dev.paved.ingest.log.LogRecord;
import dev.paved.ingest.log.PrivateKafkaBroker;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.jobs.PavedJobs;
import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.RowFormat;
import dev.paved.jobs.runtime.testing.EndToEnd;
import dev.paved.jobs.runtime.testing.TestEvents;
import dev.paved.model.Event;
import dev.paved.model.Usage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Backfill throughput of the raw events pipeline, and its ratio to ClickHouse loading the same rows
 * by itself. Not a test: run it by hand and read its figures.
 *
 * <pre>
 * mvn -q -pl jobs test-compile dependency:build-classpath -Dmdep.outputFile=jobs/target/cp.txt
 * java -Dpaved.project.root=. -cp "jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/cp.txt)" \
 *   dev.paved.jobs.raw.RawBackfillBenchmark [events, default 300000] [runs, default 3]
 * </pre>
 *
 * Starts a private Kafka broker and ClickHouse in a temporary directory, appends {@code events}
 * synthetic events (changes, deploys and workflow steps, ~450 bytes each) the way ingest does, then
 * for each run: backfills them into a fresh database on a local MiniCluster, and inserts the same
 * rows straight into another fresh database in batches of 20,000 (the peer).
 */
public final class RawBackfillBenchmark {
  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path directory = Files.createTempDirectory("paved-benchmark-");
    try {
      run(directory, events, runs);
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private static void run(Path directory, int events, int runs) throws Exception {
    PavedConfig defaults = PavedConfig.defaults();
    try (PrivateKafkaBroker kafka =
            PrivateKafkaBroker.start(
                PrivateKafkaExtension.brokerLibs(), directory.resolve("kafka"));
        PrivateClickHouse clickhouse =
            PrivateClickHouse.start(defaults.clickhouse(), directory.resolve("clickhouse"))) {
      String topic = "benchmark.events";
      List<LogRecord> records = records(events);
      append(kafka.bootstrapServers(), topic, records);
      System.out.printf("appended %,d events to %s%n", events, topic);

      for (int run = 1; run <= runs; run++) {
        String database = "backfill_" + run;
        PavedConfig config =
            PavedConfig.from(
                SettingValues.of(
                    Map.of(
                        "PAVED_HOME", directory.toString(),
                        "PAVED_KAFKA_TOPIC", topic,
                        "PAVED_CLICKHOUSE_DATABASE", database),
                    Map.of()));
        long started = System.nanoTime();
        PavedJobs.backfill(config, kafka.bootstrapServers(), clickhouse.httpUrl());
        double jobSeconds = (System.nanoTime() - started) / 1e9;

        double peerSeconds = peer(config, clickhouse.httpUrl(), "peer_" + run, records);
        System.out.printf(
            "run %d: backfill %,d events in %.1f s (%,.0f events/s); ClickHouse alone %.1f s;"
                + " ratio %.2f%n",
            run, events, jobSeconds, events / jobSeconds, peerSeconds, jobSeconds / peerSeconds);
      }
    }
  }

  private static List<LogRecord> records(int count) {
    List<LogRecord> records = new ArrayList<>(count);
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    for (int i = 0; i < count; i++) {
      // A year of events; every 50th arrives two hours late, every 100th is a resent copy.
      Instant time = start.plusSeconds(i * 105L - (i % 50 == 0 ? 7200 : 0));
      int n = i % 100 == 99 ? i - 1 : i;
      Event event =
          switch (n % 3) {
            case 0 -> TestEvents.change("e-" + n, time.toString(), "team-" + n % 200);
            case 1 -> TestEvents.deploy("e-" + n, time.toString(), "team-" + n % 200);
            default ->
                TestEvents.usage(
                    "e-" + n, time.toString(), "team-" + n % 200, Usage.Action.STEP, "build");
          };
      records.add(EndToEnd.record(event, "bench", time.plusSeconds(1).toString()));
    }
    return records;
  }

  private static void append(String bootstrapServers, String topic, List<LogRecord> records)
      throws Exception {
    PavedConfig config = PavedConfig.defaults();
    try (EventTopic events =
            new EventTopic(
                bootstrapServers,
                new dev.paved.config.KafkaConfig(
                    java.util.Optional.of(bootstrapServers),
                    topic,
                    config.kafka().partitions(),
                    config.kafka().replicationFactor(),
                    config.kafka().retentionMs(),
                    config.kafka().brokerLibs()));
        EventLog log = new EventLog(bootstrapServers, topic)) {
      events.createIfMissing(java.time.Duration.ofSeconds(30));
      List<CompletableFuture<Void>> pending = new ArrayList<>();
      for (int i = 0; i < records.size(); i += 1000) {
        pending.add(log.append(records.subList(i, Math.min(records.size(), i + 1000))));
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    }
  }

  /** ClickHouse loading the same rows, already made, in batches of 20,000: the peer. */
  private static double peer(
      PavedConfig config, String url, String database, List<LogRecord> records) throws Exception {
    RowFormat<EventRow> format = RowFormat.fields(EventRow.class);
    List<byte[]> batches = new ArrayList<>();
    ByteArrayOutputStream batch = new ByteArrayOutputStream();
    int rows = 0;
    for (LogRecord record : records) {
      LoggedEvent logged =
          new LoggedEvent(
              record.key(),
              dev.paved.model.EventType.CHANGE,
              0,
              "bench",
              Instant.parse(record.headers().get("received-at")).toEpochMilli(),
              record.value());
      try (JsonGenerator json =
          dev.paved.model.EventCodec.mapper().getFactory().createGenerator(batch)) {
        format.write(EventRow.of(logged), json);
      }
      batch.write('\n');
      if (++rows % 20_000 == 0) {
        batches.add(batch.toByteArray());
        batch.reset();
      }
    }
    batches.add(batch.toByteArray());
    try (ClickHouse db = ClickHouse.connect(config.clickhouse().withDatabase(database), url)) {
      Migrations.fromClasspath().apply(db);
      long started = System.nanoTime();
      for (byte[] ndjson : batches) {
        db.insertJsonEachRow("events", new ByteArrayInputStream(ndjson));
      }
      return (System.nanoTime() - started) / 1e9;
    }
  }
}
