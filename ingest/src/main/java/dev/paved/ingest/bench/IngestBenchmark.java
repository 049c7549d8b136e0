package dev.paved.ingest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.config.IngestConfig;
import dev.paved.config.KafkaConfig;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.ingest.IngestServer;
import dev.paved.ingest.log.EventLog;
import dev.paved.ingest.log.EventTopic;
import dev.paved.ingest.log.LogRecord;
import dev.paved.ingest.log.PrivateKafkaBroker;
import dev.paved.model.EventCodec;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Measures ingest against the speed targets of {@code targets.md}, in one run of about 100 s:
 *
 * <ol>
 *   <li>starts a private Kafka broker (optionally with extra broker properties, e.g. {@code
 *       --broker log.flush.interval.messages=1}) and the ingest server in this JVM, with the
 *       settings of {@code PAVED_*} (defaults unless set);
 *   <li>drives the server from a separate process ({@link LoadGenerator}) over loopback with NDJSON
 *       batches of 1,000 events, and in turn, in the same rounds, measures the limit of the design
 *       without HTTP: the same NDJSON bytes, parsed line by line with Jackson and produced to the
 *       same broker and topic with the same producer settings, by as many threads as the load has
 *       connections. Taking turns keeps the ratio of the two meaningful on a machine whose load
 *       drifts;
 *   <li>then single-event requests on keep-alive connections, at the highest rate they reach and at
 *       half that rate for the latency;
 *   <li>samples this JVM's heap while the server is under load, and the CPU time the server, the
 *       broker and the load generator spend per event;
 *   <li>prints events/s, latencies, heap, CPU per event and the ratio to the no-HTTP limit.
 * </ol>
 *
 * <p>Run from the project root after {@code ./paved build} (see ingest/README.md):
 *
 * <pre>
 * java -Xmx256m -cp 'ingest/target/classes:ingest/target/lib/*' dev.paved.ingest.bench.IngestBenchmark
 * </pre>
 */
public final class IngestBenchmark {
  private static final String TOKEN = "bench-token-of-the-load-generator";
  private static final String TOPIC = "bench.events";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Options options;
  private final BenchEvents events;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private long brokerPid = -1;

  private IngestBenchmark(Options options) {
    this.options = options;
    this.events = new BenchEvents(options.seed, options.eventBytes);
  }

  /** Command-line options, each {@code --name value}. */
  private record Options(
      double warmup,
      double seconds,
      int batchConnections,
      int singleConnections,
      int eventBytes,
      long seed,
      Map<String, String> brokerProperties,
      boolean skipSingle,
      int rounds) {

    static Options parse(String[] args) {
      double warmup = 10;
      double seconds = 6;
      int rounds = 3;
      int batchConnections = 4;
      int singleConnections = 128;
      int eventBytes = 300;
      long seed = 1;
      boolean skipSingle = false;
      Map<String, String> broker = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--warmup" -> warmup = Double.parseDouble(value);
          case "--seconds" -> seconds = Double.parseDouble(value);
          case "--batch-connections" -> batchConnections = Integer.parseInt(value);
          case "--single-connections" -> singleConnections = Integer.parseInt(value);
          case "--event-bytes" -> eventBytes = Integer.parseInt(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--broker" -> {
            String[] pair = value.split("=", 2);
            broker.put(pair[0], pair[1]);
          }
          case "--skip-single" -> {
            skipSingle = true;
            i--;
          }
          case "--rounds" -> rounds = Integer.parseInt(value);
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + args[i]
                      + "; options: --seconds N --warmup N --batch-connections N"
                      + " --single-connections N --event-bytes N --seed N --broker key=value"
                      + " --skip-single --rounds N");
        }
        i++;
      }
      return new Options(
          warmup,
          seconds,
          batchConnections,
          singleConnections,
          eventBytes,
          seed,
          broker,
          skipSingle,
          rounds);
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    new IngestBenchmark(options).run();
    System.exit(0);
  }

  private void run() throws Exception {
    PavedConfig defaults = PavedConfig.load();
    Path directory = Files.createTempDirectory("paved-bench-kafka-");
    System.out.printf(
        "Paved ingest benchmark: %d processors, this JVM's max heap %d MiB, broker %s%n",
        Runtime.getRuntime().availableProcessors(),
        memory.getHeapMemoryUsage().getMax() >> 20,
        options.brokerProperties.isEmpty() ? "defaults" : options.brokerProperties);
    System.out.printf(
        "events: synthetic organisation 'small', seed %d, %d distinct lines, %.0f bytes on"
            + " average%n",
        options.seed, events.size(), events.averageBytes());
    try (PrivateKafkaBroker broker =
        PrivateKafkaBroker.start(
            defaults.kafka().brokerLibs(), directory, options.brokerProperties)) {
      brokerPid = broker.pid();
      KafkaConfig kafka = withTopic(defaults.kafka(), broker.bootstrapServers());
      try (EventTopic topic = new EventTopic(broker.bootstrapServers(), kafka)) {
        topic.createIfMissing(Duration.ofSeconds(30));
      }
      Map<String, JsonNode> results = new LinkedHashMap<>();
      HeapSampler heap = new HeapSampler();
      List<JsonNode> batches = new ArrayList<>();
      List<Direct> directs = new ArrayList<>();
      long liveAfterGc;
      try (EventLog eventLog = new EventLog(broker.bootstrapServers(), TOPIC);
          EventTopic readiness = new EventTopic(broker.bootstrapServers(), kafka)) {
        Javalin server =
            new IngestServer(ingestConfig(), eventLog, readiness::writable, Clock.systemUTC())
                .create()
                .start("127.0.0.1", 0);
        try {
          String target = "127.0.0.1:" + server.port();
          // Batches over HTTP and the no-HTTP limit take turns, so that both see the same
          // machine: on a shared machine the load of others drifts within seconds.
          for (int round = 0; round < options.rounds; round++) {
            heap.start();
            JsonNode batch =
                load(
                    target,
                    "batch",
                    options.batchConnections,
                    0,
                    round == 0 ? options.warmup : 1,
                    options.seconds,
                    "--batch",
                    "1000",
                    "--stream",
                    "b" + round + "x");
            heap.stop();
            report("batch", batch);
            batches.add(batch);
            Direct direct =
                direct(
                    broker.bootstrapServers(),
                    options.batchConnections,
                    "d" + round + "x",
                    round == 0 ? options.warmup / 2 : 1,
                    options.seconds);
            directs.add(direct);
            System.out.printf(
                "   round %d: HTTP / no-HTTP = %.2f%n",
                round + 1, batch.get("events_per_second").asDouble() / direct.rate());
          }
          if (!options.skipSingle) {
            heap.start();
            results.put(
                "single",
                load(
                    target,
                    "single",
                    options.singleConnections,
                    0,
                    options.warmup / 2,
                    options.seconds * 1.5,
                    "--stream",
                    "s"));
            report("single", results.get("single"));
            double half = results.get("single").get("requests_per_second").asDouble() / 2;
            results.put(
                "paced",
                load(
                    target,
                    "paced",
                    options.singleConnections,
                    half,
                    options.warmup / 2,
                    options.seconds * 1.5,
                    "--stream",
                    "p"));
            report("paced", results.get("paced"));
            heap.stop();
          }
        } finally {
          server.stop();
        }
        System.gc();
        liveAfterGc = memory.getHeapMemoryUsage().getUsed();
      }

      double httpEvents = batches.stream().mapToDouble(b -> b.get("events").asDouble()).sum();
      double httpSeconds = batches.stream().mapToDouble(b -> b.get("seconds").asDouble()).sum();
      double batchRate = httpEvents / httpSeconds;
      double directRate =
          directs.stream().mapToDouble(Direct::events).sum()
              / directs.stream().mapToDouble(Direct::seconds).sum();
      System.out.println();
      System.out.println("== summary ==");
      System.out.printf(
          "batch   (NDJSON x1000, %d conn): %,10.0f events/s   p50 %s ms  p99 %s ms"
              + "   [target >= 100,000]%n",
          options.batchConnections, batchRate, each(batches, "p50_ms"), each(batches, "p99_ms"));
      System.out.printf(
          "no-HTTP limit (Jackson + produce, %d threads): %,10.0f events/s%n",
          options.batchConnections, directRate);
      System.out.printf(
          "ratio HTTP / no-HTTP: %.2f (rounds: %s)   [target >= 0.50]%n",
          batchRate / Math.max(1, directRate),
          String.join(
              ", ",
              java.util.stream.IntStream.range(0, batches.size())
                  .mapToObj(
                      i ->
                          String.format(
                              "%.2f",
                              batches.get(i).get("events_per_second").asDouble()
                                  / directs.get(i).rate()))
                  .toList()));
      System.out.printf(
          "CPU per event, batch: server %.1f us + broker %.1f us + load generator %.1f us;"
              + " no-HTTP: %.1f us + broker %.1f us%n",
          1e6 * sum(batches, "server_cpu_seconds") / httpEvents,
          1e6 * sum(batches, "broker_cpu_seconds") / httpEvents,
          1e6 * sum(batches, "cpu_seconds") / httpEvents,
          directs.stream().mapToDouble(Direct::serverCpuSeconds).sum()
              * 1e6
              / directs.stream().mapToDouble(Direct::events).sum(),
          directs.stream().mapToDouble(Direct::brokerCpuSeconds).sum()
              * 1e6
              / directs.stream().mapToDouble(Direct::events).sum());
      if (!options.skipSingle) {
        JsonNode single = results.get("single");
        JsonNode paced = results.get("paced");
        System.out.printf(
            "single  (1 event/request, %d conn): %,10.0f requests/s   p50 %6.1f ms  p99 %6.1f ms"
                + "   [target >= 10,000]%n",
            options.singleConnections,
            single.get("requests_per_second").asDouble(),
            single.get("p50_ms").asDouble(),
            single.get("p99_ms").asDouble());
        System.out.printf(
            "paced   (half that: %,.0f/s offered): %,10.0f requests/s   p50 %6.1f ms  p99 %6.1f ms"
                + "   [target p99 <= 25 ms]%n",
            paced.get("offered_per_second").asDouble(),
            paced.get("requests_per_second").asDouble(),
            paced.get("p50_ms").asDouble(),
            paced.get("p99_ms").asDouble());
      }
      System.out.printf(
          "heap of the server JVM under load: peak used %d MiB of max %d MiB; live after GC %d MiB"
              + "   [target <= 256 MiB]%n",
          heap.peak() >> 20, memory.getHeapMemoryUsage().getMax() >> 20, liveAfterGc >> 20);
      for (JsonNode batch : batches) {
        results.putIfAbsent("batch", batch);
      }
      System.out.printf(
          "statuses: batch %s%s%n",
          batches.stream().map(b -> b.get("statuses").toString()).toList(),
          options.skipSingle
              ? ""
              : ", single "
                  + results.get("single").get("statuses")
                  + ", paced "
                  + results.get("paced").get("statuses"));
    } finally {
      deleteRecursively(directory);
    }
  }

  /**
   * Ingest's settings as configured (defaults unless {@code PAVED_*} say otherwise), with the load
   * generator's token.
   */
  private static IngestConfig ingestConfig() {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put("PAVED_INGEST_TOKENS", "bench=" + TOKEN + ":*");
    return PavedConfig.from(SettingValues.fromEnvironment(environment)).ingest();
  }

  /** Runs {@link LoadGenerator} as a separate JVM and returns its result. */
  private JsonNode load(
      String target,
      String mode,
      int connections,
      double rate,
      double warmup,
      double seconds,
      String... extra)
      throws IOException, InterruptedException {
    long[] server = new long[2];
    long[] brokerCpu = new long[2];
    double[][] times = new double[2][];
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                LoadGenerator.class.getName(),
                "--target",
                target,
                "--token",
                TOKEN,
                "--mode",
                mode,
                "--connections",
                Integer.toString(connections),
                "--warmup",
                Double.toString(warmup),
                "--seconds",
                Double.toString(seconds),
                "--rate",
                Double.toString(rate),
                "--seed",
                Long.toString(options.seed),
                "--event-bytes",
                Integer.toString(options.eventBytes)));
    command.addAll(List.of(extra));
    System.out.printf(
        "%n-- %s: %d connections%s, %.0f s warm-up + %.0f s measured ...%n",
        mode,
        connections,
        rate > 0 ? String.format(", %,.0f requests/s offered", rate) : "",
        warmup,
        seconds);
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    JsonNode result = null;
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.equals(LoadGenerator.MEASURE_FROM)) {
          server[0] = LoadGenerator.cpuNanos();
          brokerCpu[0] = brokerCpuNanos();
          times[0] = serverTimes(target);
        } else if (line.equals(LoadGenerator.MEASURE_TO)) {
          server[1] = LoadGenerator.cpuNanos();
          brokerCpu[1] = brokerCpuNanos();
          times[1] = serverTimes(target);
        } else if (line.startsWith("RESULT ")) {
          result = JSON.readTree(line.substring(7));
        }
      }
    }
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0 || result == null) {
      process.destroyForcibly();
      throw new IllegalStateException("the load generator failed (" + mode + ")");
    }
    ObjectNode withCpu = (ObjectNode) result;
    withCpu.put("server_cpu_seconds", (server[1] - server[0]) / 1e9);
    withCpu.put("broker_cpu_seconds", (brokerCpu[1] - brokerCpu[0]) / 1e9);
    if (times[0] != null && times[1] != null) {
      withCpu.put(
          "server_request_ms",
          1e3 * (times[1][0] - times[0][0]) / Math.max(1, times[1][1] - times[0][1]));
      withCpu.put(
          "server_produce_ms",
          1e3 * (times[1][2] - times[0][2]) / Math.max(1, times[1][3] - times[0][3]));
    }
    return withCpu;
  }

  private static void report(String name, JsonNode result) {
    System.out.printf(
        "   %s: %,.0f events/s, %,.0f requests/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms,"
            + " statuses %s%n",
        name,
        result.get("events_per_second").asDouble(),
        result.get("requests_per_second").asDouble(),
        result.get("p50_ms").asDouble(),
        result.get("p99_ms").asDouble(),
        result.get("max_ms").asDouble(),
        result.get("statuses"));
    System.out.printf(
        "   inside the server: %.1f ms a request on average, of which %.1f ms waiting for Kafka%n",
        result.path("server_request_ms").asDouble(Double.NaN),
        result.path("server_produce_ms").asDouble(Double.NaN));
    System.out.printf(
        "   CPU per %s: server %.1f us, broker %.1f us, load generator %.1f us%n",
        name.equals("batch") ? "event" : "request",
        perItem(result, "server_cpu_seconds", name),
        perItem(result, "broker_cpu_seconds", name),
        perItem(result, "cpu_seconds", name));
  }

  private static String each(List<JsonNode> results, String field) {
    return results.stream()
        .map(r -> String.format("%.1f", r.get(field).asDouble()))
        .collect(java.util.stream.Collectors.joining("/"));
  }

  private static double sum(List<JsonNode> results, String field) {
    return results.stream().mapToDouble(r -> r.get(field).asDouble()).sum();
  }

  private static double perItem(JsonNode result, String field, String name) {
    double items = result.get(name.equals("batch") ? "events" : "requests").asDouble();
    return result.get(field).asDouble() * 1e6 / Math.max(1, items);
  }

  /** One measured interval of the no-HTTP limit. */
  private record Direct(
      double events, double seconds, double serverCpuSeconds, double brokerCpuSeconds) {
    double rate() {
      return events / seconds;
    }
  }

  /**
   * The limit without HTTP: the batch phase's bytes, parsed with Jackson and produced with the same
   * {@link EventLog} settings to the same topic, each thread appending a batch of 1,000 and waiting
   * for its acknowledgement like a request does.
   */
  private Direct direct(
      String bootstrapServers, int threads, String stream, double warmup, double seconds)
      throws Exception {
    // A producer of its own, closed afterwards, so that its buffers do not count as the server's.
    try (EventLog eventLog = new EventLog(bootstrapServers, TOPIC)) {
      return direct(eventLog, threads, stream, warmup, seconds);
    }
  }

  private Direct direct(
      EventLog eventLog, int threads, String stream, double warmup, double seconds)
      throws Exception {
    System.out.printf(
        "%n-- no-HTTP limit: %d threads, %.0f s warm-up + %.0f s measured ...%n",
        threads, warmup, seconds);
    ObjectMapper mapper = EventCodec.mapper();
    AtomicLong sequence = new AtomicLong();
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean running = new AtomicBoolean(true);
    LongAdder produced = new LongAdder();
    LongAdder appendNanos = new LongAdder();
    LongAdder appends = new LongAdder();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  while (running.get()) {
                    byte[] body = events.ndjson(stream, sequence.getAndAdd(1000), 1000);
                    List<LogRecord> records = new ArrayList<>(1000);
                    String receivedAt = Instant.now().toString();
                    int start = 0;
                    for (int i = 0; i <= body.length; i++) {
                      if (i == body.length || body[i] == '\n') {
                        if (i > start) {
                          JsonNode event = mapper.readTree(body, start, i - start);
                          byte[] line = Arrays.copyOfRange(body, start, i);
                          Map<String, String> headers = new HashMap<>(4);
                          headers.put(LogRecord.SOURCE_HEADER, "bench");
                          headers.put(LogRecord.TYPE_HEADER, event.path("type").asText());
                          headers.put(LogRecord.CONTENT_TYPE_HEADER, LogRecord.JSON);
                          headers.put("received-at", receivedAt);
                          records.add(new LogRecord(event.path("id").asText(), line, headers));
                        }
                        start = i + 1;
                      }
                    }
                    long appendStart = System.nanoTime();
                    eventLog.append(records).get(30, TimeUnit.SECONDS);
                    if (measuring.get()) {
                      produced.add(records.size());
                      appendNanos.add(System.nanoTime() - appendStart);
                      appends.increment();
                    }
                  }
                } catch (Exception e) {
                  throw new IllegalStateException("the no-HTTP producer failed", e);
                }
              },
              "direct-" + t);
      workers.add(worker);
      worker.start();
    }
    Thread.sleep((long) (warmup * 1000));
    measuring.set(true);
    long from = System.nanoTime();
    long serverFrom = LoadGenerator.cpuNanos();
    long brokerFrom = brokerCpuNanos();
    Thread.sleep((long) (seconds * 1000));
    long count = produced.sum();
    Direct direct =
        new Direct(
            count,
            (System.nanoTime() - from) / 1e9,
            (LoadGenerator.cpuNanos() - serverFrom) / 1e9,
            (brokerCpuNanos() - brokerFrom) / 1e9);
    measuring.set(false);
    running.set(false);
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.printf(
        "   no-HTTP: %,.0f events/s, %.1f ms waiting for Kafka a batch on average%n"
            + "   CPU per event: parse and produce %.1f us, broker %.1f us%n",
        direct.rate(),
        appendNanos.sum() / 1e6 / Math.max(1, appends.sum()),
        direct.serverCpuSeconds() * 1e6 / Math.max(1, count),
        direct.brokerCpuSeconds() * 1e6 / Math.max(1, count));
    return direct;
  }

  /**
   * Sums and counts of the server's request and produce histograms, from its {@code /metrics}: how
   * long a request took inside the server, and how much of it was the wait for Kafka.
   */
  private static double[] serverTimes(String target) {
    try {
      java.net.http.HttpResponse<String> response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://" + target + "/metrics"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      double[] times = new double[4];
      String[] names = {
        "paved_ingest_request_duration_seconds_sum ",
        "paved_ingest_request_duration_seconds_count ",
        "paved_ingest_produce_duration_seconds_sum ",
        "paved_ingest_produce_duration_seconds_count "
      };
      for (String line : response.body().split("\n")) {
        for (int i = 0; i < names.length; i++) {
          if (line.startsWith(names[i])) {
            times[i] = Double.parseDouble(line.substring(names[i].length()).trim());
          }
        }
      }
      return times;
    } catch (IOException | InterruptedException | RuntimeException e) {
      return new double[4];
    }
  }

  /** CPU time of the broker process (Linux {@code /proc}); 0 where that cannot be read. */
  private long brokerCpuNanos() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(brokerPid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime, fields 14 and 15 of stat, in clock ticks of 1/100 s on Linux.
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static KafkaConfig withTopic(KafkaConfig defaults, String bootstrapServers) {
    return new KafkaConfig(
        Optional.of(bootstrapServers),
        TOPIC,
        defaults.partitions(),
        defaults.replicationFactor(),
        defaults.retentionMs(),
        defaults.brokerLibs());
  }

  /** The peak heap use of this JVM, sampled every 20 ms. */
  private final class HeapSampler {
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong peak = new AtomicLong();
    private Thread thread;

    void start() {
      running.set(true);
      thread =
          new Thread(
              () -> {
                while (running.get()) {
                  peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }

    long peak() {
      return peak.get();
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
