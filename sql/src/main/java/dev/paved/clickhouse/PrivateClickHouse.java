package dev.paved.clickhouse;

import dev.paved.config.ClickHouseConfig;
import dev.paved.config.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ClickHouse server of Paved's own, started from the installed {@code clickhouse-server} with a
 * generated configuration, keeping everything (data, logs, pid file) in one directory, listening on
 * 127.0.0.1 only. Closing it, or the JVM's shutdown, stops it.
 *
 * <p>The configuration is the minimal one that ClickHouse 18.16 accepts, with the root element
 * {@code <yandex>}, which 23+ still reads; 23+ also takes the same {@code --config-file} argument.
 */
public final class PrivateClickHouse implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PrivateClickHouse.class);

  static final List<Path> FALLBACK_DIRECTORIES = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"));
  static final String PID_FILE = "clickhouse-server.pid";
  static final String ERROR_LOG = "log/clickhouse-server.err.log";
  static final String STDERR_LOG = "log/stderr.log";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  // A free port found here may be taken by someone else before the server binds it.
  private static final int START_ATTEMPTS = 3;
  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Process process;
  private final Path directory;
  private final int httpPort;
  private final int tcpPort;
  private final Thread shutdownHook;
  private boolean closed;

  private PrivateClickHouse(Process process, Path directory, int httpPort, int tcpPort) {
    this.process = process;
    this.directory = directory;
    this.httpPort = httpPort;
    this.tcpPort = tcpPort;
    this.shutdownHook = new Thread(this::stopProcess, "paved-private-clickhouse-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a server from {@code config.binary()} on {@code config.httpPort()} (0: a free port; the
   * native TCP port is always a free one), for {@code config.user()} with {@code
   * config.password()}, keeping its files in {@code directory}. Returns once it answers {@code GET
   * /ping}. A server left running in the same directory by an earlier launcher is stopped first.
   */
  public static PrivateClickHouse start(ClickHouseConfig config, Path directory) {
    Path binary = findBinary(config.binary(), System.getenv("PATH"));
    Path home = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(home.resolve("log"));
      stopStale(home);
      Files.writeString(home.resolve("users.xml"), usersXml(config));
      for (int attempt = 1; ; attempt++) {
        int[] ports = ports(config.httpPort());
        Files.writeString(home.resolve("config.xml"), configXml(home, ports[0], ports[1]));
        Path errorLog = home.resolve(ERROR_LOG);
        long errorLogStart = Files.exists(errorLog) ? Files.size(errorLog) : 0;
        Process process = launch(binary, home);
        // Written at once, so that a launcher dying during the wait still leaves the pid behind.
        Files.writeString(home.resolve(PID_FILE), Long.toString(process.pid()));
        Optional<String> failure = awaitPing(process, home, ports[0]);
        if (failure.isEmpty()) {
          LOG.info(
              "Private ClickHouse started at http://127.0.0.1:{} (tcp {}, pid {}, directory {})",
              ports[0],
              ports[1],
              process.pid(),
              home);
          return new PrivateClickHouse(process, home, ports[0], ports[1]);
        }
        Files.deleteIfExists(home.resolve(PID_FILE));
        String errors = readFrom(errorLog, errorLogStart);
        if (config.httpPort() == 0
            && errors.contains("Address already in use")
            && attempt < START_ATTEMPTS) {
          LOG.info("A free port was taken before ClickHouse bound it; retrying with others");
          continue;
        }
        String stderr = readFrom(home.resolve(STDERR_LOG), 0);
        throw new ServerStartException(
            failure.get()
                + " Its error log:\n"
                + lastLines(errors)
                + "Its stderr:\n"
                + lastLines(stderr)
                + "Everything is in "
                + home.resolve("log"),
            null);
      }
    } catch (IOException e) {
      throw new ServerStartException("cannot prepare " + home + " for ClickHouse: " + e, e);
    }
  }

  /** {@code http://127.0.0.1:PORT}, for {@link ClickHouse#connect}. */
  public String httpUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  public int httpPort() {
    return httpPort;
  }

  /** The native-protocol port, for {@code clickhouse-client --port}. */
  public int tcpPort() {
    return tcpPort;
  }

  public long pid() {
    return process.pid();
  }

  /** Where the server keeps its configuration, data, logs and pid file. */
  public Path directory() {
    return directory;
  }

  /** Stops the server: SIGTERM, then SIGKILL if it has not exited within 10 s. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down and the hook is stopping the server already.
    }
    stopProcess();
  }

  private void stopProcess() {
    stop(process.toHandle());
    Path pidFile = directory.resolve(PID_FILE);
    try {
      // Another server may have replaced this one in the directory since; its file stays.
      if (Files.exists(pidFile) && Files.readString(pidFile).strip().equals(Long.toString(pid()))) {
        Files.delete(pidFile);
      }
    } catch (IOException e) {
      LOG.warn("Cannot delete {}: {}", pidFile, e.toString());
    }
  }

  /**
   * {@code binary} itself if it contains a {@code /}, else the first executable of that name on
   * {@code pathVariable}, then in /usr/sbin and /usr/bin.
   */
  static Path findBinary(String binary, String pathVariable) {
    List<Path> candidates = new ArrayList<>();
    if (binary.contains("/")) {
      candidates.add(Path.of(binary));
    } else {
      if (pathVariable != null) {
        Arrays.stream(pathVariable.split(":"))
            .filter(dir -> !dir.isEmpty())
            .forEach(dir -> candidates.add(Path.of(dir, binary)));
      }
      FALLBACK_DIRECTORIES.forEach(dir -> candidates.add(dir.resolve(binary)));
    }
    return candidates.stream()
        .filter(path -> Files.isRegularFile(path) && Files.isExecutable(path))
        .findFirst()
        .orElseThrow(
            () ->
                new ServerStartException(
                    "ClickHouse server binary \""
                        + binary
                        + "\" not found (looked in "
                        + (binary.contains("/") ? binary : "PATH, /usr/sbin and /usr/bin")
                        + "). Install it: apt-get install clickhouse-server clickhouse-client"
                        + " (Debian/Ubuntu); or set "
                        + Settings.CLICKHOUSE_BINARY.environmentVariable()
                        + " to its path; or point "
                        + Settings.CLICKHOUSE_URL.environmentVariable()
                        + " at an existing ClickHouse server.",
                    null));
  }

  /** Stops a server that a crashed launcher left running in this directory, if there is one. */
  private static void stopStale(Path home) throws IOException {
    Path pidFile = home.resolve(PID_FILE);
    if (!Files.exists(pidFile)) {
      return;
    }
    String configArgument = "--config-file=" + home.resolve("config.xml");
    Optional<ProcessHandle> stale;
    try {
      stale = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
    } catch (NumberFormatException e) {
      stale = Optional.empty();
    }
    // The pid may have been reused by an unrelated process: only ours has this argument.
    stale
        .filter(
            handle ->
                handle
                    .info()
                    .arguments()
                    .map(args -> Arrays.asList(args).contains(configArgument))
                    .orElse(false))
        .ifPresent(
            handle -> {
              LOG.warn("Stopping ClickHouse pid {} left running in {}", handle.pid(), home);
              stop(handle);
            });
    Files.delete(pidFile);
  }

  private static void stop(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return;
    }
    handle.destroy();
    try {
      handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      LOG.warn("ClickHouse pid {} ignored SIGTERM for {}; killing it", handle.pid(), STOP_TIMEOUT);
      handle.destroyForcibly();
      handle.onExit().join();
    } catch (InterruptedException e) {
      handle.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The HTTP and TCP ports: two free ones, both held open at once so that they differ. */
  private static int[] ports(int configuredHttpPort) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket first = new ServerSocket(0, 1, loopback);
        ServerSocket second = new ServerSocket(0, 1, loopback)) {
      int http = configuredHttpPort == 0 ? first.getLocalPort() : configuredHttpPort;
      return new int[] {http, second.getLocalPort()};
    }
  }

  private static Process launch(Path binary, Path home) throws IOException {
    return new ProcessBuilder(binary.toString(), "--config-file=" + home.resolve("config.xml"))
        .directory(home.toFile())
        .redirectOutput(home.resolve("log/stdout.log").toFile())
        .redirectError(home.resolve(STDERR_LOG).toFile())
        .start();
  }

  /** Waits until the server answers its ping; else says why not. */
  private static Optional<String> awaitPing(Process process, Path home, int httpPort) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!answersPing(httpPort)) {
      if (!process.isAlive()) {
        return Optional.of(
            "ClickHouse exited with code "
                + process.exitValue()
                + " while starting in "
                + home
                + ".");
      }
      if (System.nanoTime() > deadline) {
        stop(process.toHandle());
        return Optional.of(
            "ClickHouse did not answer GET /ping on port "
                + httpPort
                + " within "
                + START_TIMEOUT.toSeconds()
                + " s, and was stopped.");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        stop(process.toHandle());
        Thread.currentThread().interrupt();
        throw new ServerStartException("interrupted while ClickHouse was starting", e);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code GET /ping} answers {@code Ok.}. Plain HTTP/1.0, so the server closes the
   * connection: an idle keep-alive connection would hold up its shutdown.
   */
  private static boolean answersPing(int httpPort) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), httpPort), 1000);
      socket.setSoTimeout(2000);
      socket
          .getOutputStream()
          .write(
              "GET /ping HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      return answer.startsWith("HTTP/1.")
          && answer.contains(" 200 ")
          && answer.endsWith("\r\n\r\nOk.\n");
    } catch (IOException e) {
      return false;
    }
  }

  /** What {@code file} holds from byte {@code start} on ("" if it does not exist). */
  private static String readFrom(Path file, long start) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      channel.position(start);
      return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String lastLines(String text) {
    List<String> lines = text.lines().toList();
    if (lines.isEmpty()) {
      return "  (nothing)\n";
    }
    StringBuilder out = new StringBuilder();
    lines
        .subList(Math.max(0, lines.size() - 20), lines.size())
        .forEach(line -> out.append("  ").append(line).append('\n'));
    return out.toString();
  }

  private static String configXml(Path home, int httpPort, int tcpPort) {
    return """
        <?xml version="1.0"?>
        <!-- Generated by Paved (PrivateClickHouse) at each start; edits are overwritten. -->
        <yandex>
          <logger>
            <level>information</level>
            <log>%1$s/log/clickhouse-server.log</log>
            <errorlog>%1$s/%4$s</errorlog>
            <size>100M</size>
            <count>3</count>
          </logger>
          <http_port>%2$d</http_port>
          <tcp_port>%3$d</tcp_port>
          <listen_host>127.0.0.1</listen_host>
          <path>%1$s/data/</path>
          <tmp_path>%1$s/tmp/</tmp_path>
          <users_config>%1$s/users.xml</users_config>
          <timezone>UTC</timezone>
          <!-- On SIGTERM the server waits for idle keep-alive connections: 3 s, not 10. -->
          <keep_alive_timeout>3</keep_alive_timeout>
          <!-- Mandatory on 18.16: without it the server exits. -->
          <mark_cache_size>268435456</mark_cache_size>
        </yandex>
        """
        .formatted(xml(home.toString()), httpPort, tcpPort, ERROR_LOG);
  }

  private static String usersXml(ClickHouseConfig config) {
    if (!USER_NAME.matcher(config.user()).matches()) {
      throw new ServerStartException(
          Settings.CLICKHOUSE_USER.environmentVariable()
              + " must be a plain name ([A-Za-z_][A-Za-z0-9_]*) for a private server, got \""
              + config.user()
              + "\"",
          null);
    }
    return """
        <?xml version="1.0"?>
        <!-- Generated by Paved (PrivateClickHouse) at each start; edits are overwritten. -->
        <yandex>
          <profiles>
            <default/>
          </profiles>
          <users>
            <%1$s>
              <password_sha256_hex>%2$s</password_sha256_hex>
              <networks>
                <ip>127.0.0.1</ip>
                <ip>::1</ip>
              </networks>
              <profile>default</profile>
              <quota>default</quota>
            </%1$s>
          </users>
          <!-- Mandatory on 18.16: without it every query fails with "Unknown quota default". -->
          <quotas>
            <default/>
          </quotas>
        </yandex>
        """
        .formatted(config.user(), sha256Hex(config.password()));
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
