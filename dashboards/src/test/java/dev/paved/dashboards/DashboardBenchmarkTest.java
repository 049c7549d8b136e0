package dev.paved.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DashboardBenchmark} at a tiny size, once: proves the program loads, serves and measures
 * every route and page and prints its table. Its timings are not asserted: speed is shown by the
 * benchmark run on the reference set (docs/benchmarks.md).
 */
@Timeout(900)
class DashboardBenchmarkTest {
  @TempDir Path directory;

  @Test
  void measuresEveryRouteAndPageOfATinyLoadAndPrintsThemAgainstTheTargets() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    DashboardBenchmark.Figures figures =
        DashboardBenchmark.run(
            directory, 3_000, 1, 1, new PrintStream(log, true, StandardCharsets.UTF_8));

    List<String> routes = figures.api().stream().map(DashboardBenchmark.Latency::name).toList();
    assertTrue(
        routes.contains("/delivery/lead-time?from=2025-01-01&to=2026-01-01&group_by=team"),
        routes.toString());
    assertTrue(routes.contains("/events (list)?from=2025-01-01&to=2026-01-01"), routes.toString());
    assertEquals(
        Dashboards.PAGES.keySet().stream()
            .map(page -> "/dashboards/" + page + "?from=2025-01-01&to=2026-01-01")
            .toList(),
        figures.pages().stream().map(DashboardBenchmark.Latency::name).toList());
    for (DashboardBenchmark.Latency figure :
        java.util.stream.Stream.concat(figures.api().stream(), figures.pages().stream()).toList()) {
      assertEquals(1, figure.warm().size(), figure.name());
      assertEquals(1, figure.cold().size(), figure.name());
      assertTrue(figure.warm(0.95) > 0 && figure.cold(0.95) > 0, figure.name());
    }

    ByteArrayOutputStream table = new ByteArrayOutputStream();
    DashboardBenchmark.print(figures, new PrintStream(table, true, StandardCharsets.UTF_8));
    List<String> lines = table.toString(StandardCharsets.UTF_8).lines().toList();
    for (DashboardBenchmark.Latency figure : figures.api()) {
      assertTrue(
          lines.stream().anyMatch(line -> line.startsWith("| `" + figure.name() + "` |")),
          figure.name());
    }
    assertTrue(
        log.toString(StandardCharsets.UTF_8).contains("cold = after SYSTEM DROP MARK CACHE"));
  }

  @Test
  void percentilesAreNearestRank() {
    List<Double> samples = List.of(5.0, 1.0, 4.0, 2.0, 3.0, 6.0, 7.0, 8.0, 9.0, 10.0);
    assertEquals(5.0, DashboardBenchmark.percentile(samples, 0.5));
    assertEquals(10.0, DashboardBenchmark.percentile(samples, 0.95));
    assertEquals(9.0, DashboardBenchmark.percentile(samples, 0.9));
    assertEquals(7.0, DashboardBenchmark.percentile(List.of(7.0), 0.5));
  }
}
