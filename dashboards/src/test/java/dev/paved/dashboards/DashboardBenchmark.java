package dev.paved.dashboards;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.api.ApiServer;
import dev.paved.api.health.ClickHouseStatus;
import dev.paved.api.route.Route;
import dev.paved.api.route.Shape;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.Migration;
import dev.paved.clickhouse.Migrations;
import dev.paved.clickhouse.PrivateClickHouse;
import dev.paved.config.KafkaConfig;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.ingest.log.PrivateKafkaBroker;
import dev.paved.ingest.synthetic.OrganisationShape;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.jobs.PavedJobs;
import dev.paved.jobs.bench.SyntheticEventLog;
import dev.paved.model.EventCodec;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The read side's figures of targets.md: p50/p95 latency of every route of the read API, warm and
 * cold, and the load time of every dashboard page in headless Chromium, with the reference data set
 * loaded. Not a test: a program that prints its figures ({@code docs/benchmarks.md} has the
 * command).
 *
 * <pre>
 * DashboardBenchmark [--events N] [--runs R] [--seed S] [--data-dir DIR]
 * </pre>
 *
 * <ol>
 *   <li><b>Load</b>: the first {@code N} events (default: all, ~10 M) of {@link
 *       OrganisationShape#reference()} appended to a private Kafka broker as ingest appends them
 *       ({@link SyntheticEventLog}), then {@link PavedJobs#backfill} (every pipeline) into a
 *       private ClickHouse. With {@code --data-dir} the ClickHouse data is kept there, and a later
 *       run with the same directory, events, seed and schema migrations skips the load.
 *   <li><b>API</b>: the API server with the dashboards on a free port. Every route of its route
 *       table ({@link ApiServer#routes()}, the same list the OpenAPI document is built from), asked
 *       for the whole year of the data set, organisation-wide, {@code group_by=team} where the
 *       route offers it, default granularity and time zone. Warm: one request to warm up, then
 *       {@code R} timed ones on a kept-alive connection. Cold: {@code R} times, ClickHouse's mark
 *       and uncompressed caches dropped, then one request on a new connection without {@code
 *       If-None-Match} (the API keeps no answers of its own: its ETag saves the transfer, not the
 *       query).
 *   <li><b>Pages</b>: every page of {@link Dashboards#PAGES} for the same year, loaded {@code R}
 *       times cold (ClickHouse's caches dropped first) and {@code R} times warm, the browser's
 *       cache disabled throughout (so every load asks the API again), timed from navigation start
 *       to the first animation frame after the page marked its content ready ({@code
 *       #content[data-ready=true]}, set once every panel is drawn).
 * </ol>
 *
 * Prints each figure beside its target. Percentiles are nearest-rank over the {@code R} samples.
 */
public final class DashboardBenchmark {
  static final double API_WARM_TARGET_MS = 50;
  static final double API_COLD_TARGET_MS = 300;
  static final double PAGE_TARGET_MS = 1500;

  private static final String DATABASE = "benchmark";
  private static final String LOADED_MARKER = "loaded.properties";
  private static final ObjectMapper JSON = EventCodec.mapper();

  // Installed before any script of the page runs; records when the page's content is drawn.
  private static final String READY_PROBE =
      "new MutationObserver((changes, observer) => {"
          + " const content = document.getElementById('content');"
          + " if (content && content.getAttribute('data-ready') === 'true') {"
          + "  observer.disconnect();"
          + "  requestAnimationFrame(() => { window.__pavedReadyMs = performance.now(); });"
          + " }"
          + "}).observe(document, {subtree: true, childList: true, attributes: true,"
          + " attributeFilter: ['data-ready']});";

  private DashboardBenchmark() {}

  /** What {@link #run} measured: one line per route or page, in route-table order. */
  record Figures(List<Latency> api, List<Latency> pages) {}

  /** Warm and cold samples of one route or page, in milliseconds. */
  record Latency(String name, List<Double> warm, List<Double> cold) {
    double warm(double quantile) {
      return percentile(warm, quantile);
    }

    double cold(double quantile) {
      return percentile(cold, quantile);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    long events = Long.parseLong(options.getOrDefault("events", String.valueOf(Long.MAX_VALUE)));
    int runs = Integer.parseInt(options.getOrDefault("runs", "10"));
    long seed = Long.parseLong(options.getOrDefault("seed", "1"));
    Optional<Path> dataDir = Optional.ofNullable(options.get("data-dir")).map(Path::of);
    Path directory =
        dataDir.isPresent()
            ? Files.createDirectories(dataDir.get())
            : Files.createTempDirectory("paved-dashboard-benchmark-");
    try {
      print(run(directory, events, runs, seed, System.out), System.out);
    } finally {
      if (dataDir.isEmpty()) {
        delete(directory);
      }
    }
  }

  /**
   * Loads (unless {@code directory} holds a load of the same events and seed), measures and returns
   * the figures; progress goes to {@code log}.
   */
  static Figures run(Path directory, long events, int runs, long seed, PrintStream log)
      throws Exception {
    log.printf(
        "machine: %d cores, load average %s%n",
        Runtime.getRuntime().availableProcessors(),
        Files.readString(Path.of("/proc/loadavg")).trim());
    PavedConfig config = config(directory);
    OrganisationShape shape = OrganisationShape.reference();
    try (PrivateClickHouse server =
        PrivateClickHouse.start(config.clickhouse(), directory.resolve("clickhouse"))) {
      load(directory, config, server, shape, events, seed, log);
      try (ClickHouse clickhouse = ClickHouse.connect(config.clickhouse(), server.httpUrl())) {
        log.printf(
            "ClickHouse %s; %,d rows in %s.events%n",
            clickhouse.serverVersion(),
            clickhouse
                .queryRows("SELECT count() AS n FROM " + clickhouse.table("events"))
                .get(0)
                .get("n")
                .asLong(),
            DATABASE);
        ApiServer api = new ApiServer(config.api(), new ClickHouseStatus(clickhouse), JSON);
        Javalin app = api.create(new Dashboards(config.api())).start(0);
        try {
          String base = "http://127.0.0.1:" + app.port();
          LocalDate from = LocalDate.ofInstant(shape.start(), ZoneOffset.UTC);
          LocalDate to = from.plusDays(shape.days());
          String range = "from=" + from + "&to=" + to;
          String token = config.api().readTokens().get(0);
          CacheDrop drop = new CacheDrop(clickhouse, log);
          List<Latency> routes = new ArrayList<>();
          for (Route route : api.routes()) {
            routes.add(progress(route(base, route, range, token, runs, drop), log));
          }
          List<Latency> pages = pages(base, range, token, runs, drop, log);
          return new Figures(routes, pages);
        } finally {
          app.stop();
        }
      }
    }
  }

  /** Appends and backfills the events, unless the directory already holds exactly this load. */
  private static void load(
      Path directory,
      PavedConfig config,
      PrivateClickHouse server,
      OrganisationShape shape,
      long events,
      long seed,
      PrintStream log)
      throws Exception {
    Path marker = directory.resolve(LOADED_MARKER);
    // The schema's migrations too: a build with new tables (new pipelines) loads again.
    String wanted =
        "events="
            + events
            + "\nseed="
            + seed
            + "\nmigrations="
            + Migrations.fromClasspath().migrations().stream()
                .map(Migration::checksum)
                .collect(Collectors.joining(","))
            + "\n";
    if (Files.exists(marker) && Files.readString(marker).equals(wanted)) {
      log.printf("reusing the load of %,d events (seed %d) in %s%n", events, seed, directory);
      return;
    }
    Files.deleteIfExists(marker);
    try (ClickHouse clickhouse = ClickHouse.connect(config.clickhouse(), server.httpUrl())) {
      clickhouse.execute("DROP DATABASE IF EXISTS " + DATABASE);
    }
    Path kafkaDirectory = directory.resolve("kafka");
    delete(kafkaDirectory);
    try (PrivateKafkaBroker kafka =
        PrivateKafkaBroker.start(PrivateKafkaExtension.brokerLibs(), kafkaDirectory)) {
      long started = System.nanoTime();
      SyntheticEventLog.Appended appended =
          SyntheticEventLog.append(
              kafka.bootstrapServers(),
              topic(config, kafka.bootstrapServers()),
              shape,
              seed,
              events,
              null);
      log.printf(
          "generated and appended %,d events (%,d MB) in %.1f s%n",
          appended.events(), appended.bytes() >> 20, seconds(started));
      started = System.nanoTime();
      PavedJobs.backfill(config, kafka.bootstrapServers(), server.httpUrl());
      log.printf("backfill (every pipeline) in %.1f s%n", seconds(started));
    } finally {
      delete(kafkaDirectory);
    }
    Files.writeString(marker, wanted);
  }

  private static Latency route(
      String base, Route route, String range, String token, int runs, CacheDrop drop)
      throws Exception {
    StringBuilder query = new StringBuilder(range);
    if (route.groups().contains("team")) {
      query.append("&group_by=team");
    }
    URI uri = URI.create(base + route.fullPath() + "?" + query);
    HttpClient keptAlive = HttpClient.newHttpClient();
    get(keptAlive, uri, token);
    List<Double> warm = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      warm.add(get(keptAlive, uri, token));
    }
    List<Double> cold = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      drop.clickhouseCaches();
      cold.add(get(HttpClient.newHttpClient(), uri, token));
    }
    String name = route.path() + (route.shape() == Shape.LIST ? " (list)" : "") + "?" + query;
    return new Latency(name, warm, cold);
  }

  private static Latency progress(Latency latency, PrintStream log) {
    log.printf(
        "%s: warm p50 %.1f ms, p95 %.1f ms; cold p50 %.1f ms, p95 %.1f ms%n",
        latency.name(),
        latency.warm(0.5),
        latency.warm(0.95),
        latency.cold(0.5),
        latency.cold(0.95));
    return latency;
  }

  /** Milliseconds until the whole answer is read; anything but 200 ends the benchmark. */
  private static double get(HttpClient http, URI uri, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .build();
    long started = System.nanoTime();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    double millis = (System.nanoTime() - started) / 1e6;
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          uri + " answered " + response.statusCode() + ": " + new String(response.body()));
    }
    return millis;
  }

  private static List<Latency> pages(
      String base, String range, String token, int runs, CacheDrop drop, PrintStream log)
      throws Exception {
    List<Latency> pages = new ArrayList<>();
    try (Browser browser = Browser.start()) {
      ChromeDriver driver = browser.driver();
      driver.executeCdpCommand("Page.enable", Map.of());
      // Every load fetches the scripts and the API's answers again: the answers' max-age would
      // otherwise let a repeated load skip the API altogether.
      driver.executeCdpCommand("Network.enable", Map.of());
      driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
      driver.executeCdpCommand(
          "Page.addScriptToEvaluateOnNewDocument", Map.of("source", READY_PROBE));
      // The benchmark's server holds the default settings' published development token, which
      // the pages take without asking; a configured token is kept as the sign-in form would.
      driver.get(base + "/dashboards/scorecard?" + range);
      ((JavascriptExecutor) driver)
          .executeScript("sessionStorage.setItem('paved.readToken', arguments[0])", token);
      for (String page : Dashboards.PAGES.keySet()) {
        String url = base + "/dashboards/" + page + "?" + range;
        List<Double> cold = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
          drop.clickhouseCaches();
          cold.add(load(driver, url));
        }
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
          warm.add(load(driver, url));
        }
        pages.add(progress(new Latency("/dashboards/" + page + "?" + range, warm, cold), log));
      }
      List<String> errors = browser.consoleErrors();
      if (!errors.isEmpty()) {
        throw new IllegalStateException("the pages logged errors: " + errors);
      }
    }
    return pages;
  }

  /** Milliseconds from navigation start until the content is drawn. */
  private static double load(ChromeDriver driver, String url) throws InterruptedException {
    driver.get(url);
    JavascriptExecutor js = driver;
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      Object ready =
          js.executeScript(
              "if (document.querySelector('#content .empty.error, #signin')) return -1;"
                  + " return window.__pavedReadyMs === undefined ? null : window.__pavedReadyMs;");
      if (ready instanceof Number millis) {
        if (millis.doubleValue() < 0) {
          throw new IllegalStateException(
              url + " failed: " + driver.findElement(By.id("content")).getText());
        }
        return millis.doubleValue();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(url + " not drawn within 120 s");
      }
      Thread.sleep(5);
    }
  }

  /** Empties ClickHouse's caches of data read from disk, those this server version has. */
  static final class CacheDrop {
    private final ClickHouse clickhouse;
    private final List<String> statements = new ArrayList<>();

    CacheDrop(ClickHouse clickhouse, PrintStream log) {
      this.clickhouse = clickhouse;
      for (String statement : List.of("SYSTEM DROP MARK CACHE", "SYSTEM DROP UNCOMPRESSED CACHE")) {
        try {
          clickhouse.execute(statement);
          statements.add(statement);
        } catch (RuntimeException e) {
          log.printf("cold runs without %s: %s%n", statement, e.getMessage());
        }
      }
      log.printf("cold = after %s%n", String.join("; ", statements));
    }

    void clickhouseCaches() {
      statements.forEach(clickhouse::execute);
    }
  }

  /** The figures as a table against the targets. */
  static void print(Figures figures, PrintStream out) {
    out.println();
    out.printf(
        "| API route (one year, org-wide) | warm p50 | warm p95 | cold p50 | cold p95 | target"
            + " (p95 warm / cold) | |%n");
    out.println("|---|---:|---:|---:|---:|---|---|");
    for (Latency route : figures.api()) {
      boolean met =
          route.warm(0.95) <= API_WARM_TARGET_MS && route.cold(0.95) <= API_COLD_TARGET_MS;
      out.printf(
          "| `%s` | %s | %s | %s | %s | ≤ %.0f / ≤ %.0f ms | %s |%n",
          route.name(),
          ms(route.warm(0.5)),
          ms(route.warm(0.95)),
          ms(route.cold(0.5)),
          ms(route.cold(0.95)),
          API_WARM_TARGET_MS,
          API_COLD_TARGET_MS,
          met ? "met" : "**missed**");
    }
    out.println();
    out.println(
        "| page (one year, org-wide) | warm p50 | warm p95 | cold p50 | cold p95 | target | |");
    out.println("|---|---:|---:|---:|---:|---|---|");
    for (Latency page : figures.pages()) {
      boolean met = page.warm(0.95) <= PAGE_TARGET_MS && page.cold(0.95) <= PAGE_TARGET_MS;
      out.printf(
          "| `%s` | %s | %s | %s | %s | ≤ %.0f ms | %s |%n",
          page.name(),
          ms(page.warm(0.5)),
          ms(page.warm(0.95)),
          ms(page.cold(0.5)),
          ms(page.cold(0.95)),
          PAGE_TARGET_MS,
          met ? "met" : "**missed**");
    }
  }

  private static String ms(double millis) {
    return String.format("%,.1f ms", millis);
  }

  /** Nearest rank: the smallest sample with at least {@code quantile} of them at or below it. */
  static double percentile(List<Double> samples, double quantile) {
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(quantile * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }

  private static PavedConfig config(Path directory) {
    Map<String, String> environment = new HashMap<>();
    environment.put("PAVED_HOME", directory.resolve("home").toString());
    environment.put("PAVED_KAFKA_TOPIC", "benchmark.events");
    environment.put("PAVED_CLICKHOUSE_DATABASE", DATABASE);
    environment.put("PAVED_JOBS_CONSUMER_GROUP", "dashboard-benchmark");
    return PavedConfig.from(SettingValues.of(environment, Map.of()));
  }

  private static KafkaConfig topic(PavedConfig config, String bootstrapServers) {
    KafkaConfig kafka = config.kafka();
    return new KafkaConfig(
        Optional.of(bootstrapServers),
        kafka.topic(),
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
            "usage: DashboardBenchmark [--events N] [--runs R] [--seed S] [--data-dir DIR]");
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  private static void delete(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
