package dev.paved.jobs.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Flink session cluster (a JobManager and a TaskManager, two java processes) run by
 * {@code jobs/cluster/standalone-cluster.sh} in a directory of its own; {@link #close()} stops
 * both. The cluster's jars come from the {@code paved.flink.lib} system property (the build sets it
 * to {@code jobs/target/flink-cluster/lib}).
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private final Path script;
  private final Path directory;
  private final String restUrl;

  private StandaloneCluster(Path script, Path directory, String restUrl) {
    this.script = script;
    this.directory = directory;
    this.restUrl = restUrl;
  }

  static StandaloneCluster start(Path directory) throws Exception {
    Path script = projectRoot().resolve("jobs/cluster/standalone-cluster.sh");
    Files.createDirectories(directory);
    Path out = directory.resolve("start.out");
    Process start = run(script, "start", directory, List.of(), Map.of(), out);
    StandaloneCluster cluster = new StandaloneCluster(script, directory, null);
    if (!start.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || start.exitValue() != 0) {
      start.destroyForcibly();
      cluster.close();
      throw new IllegalStateException("The Flink cluster did not start:\n" + Files.readString(out));
    }
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    return new StandaloneCluster(script, directory, lines.get(lines.size() - 1).trim());
  }

  /** The REST address, {@code http://127.0.0.1:PORT}. */
  String restUrl() {
    return restUrl;
  }

  /**
   * {@code flink run JAR ARGS} (attached: returns when the job has finished) with {@code
   * environment} added to the client's, where the job's main() reads its settings.
   */
  void submit(Path jar, Map<String, String> environment, Duration timeout, String... args)
      throws Exception {
    List<String> arguments = new ArrayList<>();
    arguments.add(jar.toString());
    arguments.addAll(List.of(args));
    Path out = directory.resolve("submit.out");
    Process submit = run(script, "submit", directory, arguments, environment, out);
    if (!submit.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      submit.destroyForcibly();
      throw new AssertionError(
          "flink run did not finish within " + timeout + ":\n" + Files.readString(out));
    }
    if (submit.exitValue() != 0) {
      throw new AssertionError(
          "flink run failed (" + submit.exitValue() + "):\n" + Files.readString(out));
    }
  }

  @Override
  public void close() throws Exception {
    Process stop =
        run(script, "stop", directory, List.of(), Map.of(), directory.resolve("stop.out"));
    stop.waitFor(60, TimeUnit.SECONDS);
  }

  private static Process run(
      Path script,
      String command,
      Path directory,
      List<String> arguments,
      Map<String, String> environment,
      Path out)
      throws IOException {
    List<String> commandLine = new ArrayList<>(List.of("bash", script.toString(), command));
    commandLine.add(directory.toString());
    commandLine.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(commandLine).redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().putAll(environment);
    String lib = System.getProperty("paved.flink.lib");
    if (lib != null) {
      builder.environment().put("FLINK_LIB", lib);
    }
    return builder.start();
  }

  /**
   * The nearest directory at or above paved.project.root (or the working one) holding jobs/cluster.
   */
  static Path projectRoot() {
    Path start = Path.of(System.getProperty("paved.project.root", ".")).toAbsolutePath();
    for (Path dir = start.normalize(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("jobs/cluster/standalone-cluster.sh"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "Cannot find jobs/cluster/standalone-cluster.sh above " + start);
  }
}
