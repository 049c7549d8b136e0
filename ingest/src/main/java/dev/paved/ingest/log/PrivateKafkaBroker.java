package dev.paved.ingest.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private single-node Kafka broker (KRaft: broker and controller in one process), run as a child
 * JVM from the jars the build copies, so that none of the broker's classes share the product's
 * classpath. It listens on 127.0.0.1 only and keeps everything under one directory:
 *
 * <ul>
 *   <li>{@code server.properties}: generated on every start;
 *   <li>{@code ports.properties}: the ports chosen on the first start, reused on every later start
 *       so that clients of a restarted broker reconnect to the address they already know;
 *   <li>{@code data/}: the log ({@code log.dirs}), formatted once;
 *   <li>{@code broker.log}: the broker's output, appended across starts;
 *   <li>{@code broker.pid}: the running broker, so that a later start can stop one left behind by a
 *       crashed run.
 * </ul>
 */
public final class PrivateKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PrivateKafkaBroker.class);

  private static final String HOST = "127.0.0.1";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final int LOG_TAIL_LINES = 40;
  private static final String CLIENT_PORT = "client.port";
  private static final String CONTROLLER_PORT = "controller.port";

  private final Path brokerLibs;
  private final Path directory;
  private final Map<String, String> extraProperties;
  private final int clientPort;
  private final int controllerPort;
  private final Thread shutdownHook;
  private Process process;
  private boolean closed;

  private PrivateKafkaBroker(
      Path brokerLibs,
      Path directory,
      Map<String, String> extraProperties,
      int clientPort,
      int controllerPort) {
    this.brokerLibs = brokerLibs;
    this.directory = directory;
    this.extraProperties = Map.copyOf(extraProperties);
    this.clientPort = clientPort;
    this.controllerPort = controllerPort;
    this.shutdownHook = new Thread(this::stopProcess, "paved-kafka-broker-stop");
  }

  /**
   * Starts a broker on {@code directory} and returns once it answers clients. A directory used
   * before keeps its data and, when they are still free, its ports.
   *
   * @param brokerLibs the broker's jars ({@code kafka.broker-libs})
   * @param directory where the broker keeps its data, configuration and log
   */
  public static PrivateKafkaBroker start(Path brokerLibs, Path directory) {
    return start(brokerLibs, directory, Map.of());
  }

  /**
   * {@link #start(Path, Path)} with broker properties added to, or replacing, the generated ones:
   * e.g. {@code flush.messages=1}, so that the broker syncs every record to disk before it
   * acknowledges it (the benchmark measures what that costs).
   */
  public static PrivateKafkaBroker start(
      Path brokerLibs, Path directory, Map<String, String> extraProperties) {
    requireBrokerJars(brokerLibs);
    Path home = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(home.resolve("data"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the Kafka broker directory " + home, e);
    }
    stopBrokerLeftBehind(home);
    int[] ports = choosePorts(home);
    PrivateKafkaBroker broker =
        new PrivateKafkaBroker(
            brokerLibs.toAbsolutePath().normalize(), home, extraProperties, ports[0], ports[1]);
    broker.writeServerProperties();
    broker.formatOnFirstStart();
    Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
    try {
      broker.launch();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  /** {@code 127.0.0.1:port}: stays the same across {@link #restart()} and {@link #kill()}. */
  public String bootstrapServers() {
    return HOST + ":" + clientPort;
  }

  public Path directory() {
    return directory;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The broker process's id; a crash test may look it up, the launcher logs it. */
  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException("The Kafka broker in " + directory + " is not running");
    }
    return process.pid();
  }

  /**
   * Ends the broker at once (SIGKILL), as a crash would: no clean shutdown, the log is recovered on
   * the next start. Acknowledged records survive, since the operating system still holds them.
   */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      awaitExit(process.toHandle(), STOP_TIMEOUT);
    }
  }

  /**
   * Starts the broker again on the same directory and ports (stopping it first if it runs), so that
   * clients reconnect by themselves; returns once it answers them.
   */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("The Kafka broker in " + directory + " was closed");
    }
    stopProcess();
    if (!portFree(clientPort) || !portFree(controllerPort)) {
      throw new IllegalStateException(
          "Cannot restart the Kafka broker in "
              + directory
              + ": port "
              + clientPort
              + " or "
              + controllerPort
              + " is taken by another process");
    }
    launch();
  }

  /** Stops the broker: SIGTERM, then SIGKILL if it has not exited within 15 s. */
  @Override
  public synchronized void close() {
    closed = true;
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: nothing left to remove.
    }
  }

  private synchronized void stopProcess() {
    if (process == null) {
      return;
    }
    if (process.isAlive()) {
      stop(process.toHandle());
    }
    forgetProcess();
  }

  /** Drops the pid file only if it still names our process: a later start may have replaced it. */
  private void forgetProcess() {
    try {
      if (Files.readString(pidFile(), StandardCharsets.UTF_8)
          .trim()
          .equals(Long.toString(process.pid()))) {
        Files.delete(pidFile());
      }
    } catch (IOException gone) {
      // No pid file: nothing to forget.
    }
    process = null;
  }

  private synchronized void launch() {
    ProcessBuilder builder =
        javaCommand(
                "-Xmx512m",
                // Timestamps make broker.log readable next to Paved's own logs.
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSZ",
                "kafka.Kafka",
                serverProperties().toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
    try {
      process = builder.start();
      Files.writeString(pidFile(), Long.toString(process.pid()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the Kafka broker in " + directory, e);
    }
    LOG.info(
        "Kafka broker {} starting on {} (data in {})",
        process.pid(),
        bootstrapServers(),
        directory);
    awaitReady();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    // Waiting for the port first spares the log the admin client's warning per refused connection.
    while (!accepts(clientPort)) {
      checkAliveAndInTime(deadline);
      sleep(Duration.ofMillis(100));
    }
    try (Admin admin = Admin.create(adminProperties())) {
      while (true) {
        checkAliveAndInTime(deadline);
        try {
          if (!admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
              .nodes()
              .get(3, TimeUnit.SECONDS)
              .isEmpty()) {
            LOG.info("Kafka broker {} ready on {}", process.pid(), bootstrapServers());
            return;
          }
        } catch (ExecutionException | TimeoutException notYet) {
          sleep(Duration.ofMillis(100));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while the Kafka broker was starting", e);
        }
      }
    }
  }

  private void checkAliveAndInTime(long deadline) {
    if (!process.isAlive()) {
      int code = process.exitValue();
      forgetProcess();
      throw new IllegalStateException(
          "The Kafka broker in "
              + directory
              + " exited with code "
              + code
              + " while starting; the end of "
              + logFile()
              + ":\n"
              + logTail());
    }
    if (System.nanoTime() > deadline) {
      stopProcess();
      throw new IllegalStateException(
          "The Kafka broker in "
              + directory
              + " did not answer on "
              + bootstrapServers()
              + " within "
              + READY_TIMEOUT.toSeconds()
              + " s; the end of "
              + logFile()
              + ":\n"
              + logTail());
    }
  }

  private Properties adminProperties() {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
    properties.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50);
    properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    return properties;
  }

  /** A directory already holding {@code meta.properties} was formatted and keeps its data. */
  private void formatOnFirstStart() {
    if (Files.exists(directory.resolve("data").resolve("meta.properties"))) {
      return;
    }
    ProcessBuilder builder =
        javaCommand(
                "kafka.tools.StorageTool",
                "format",
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--config",
                serverProperties().toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
    try {
      Process format = builder.start();
      if (!format.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        format.destroyForcibly();
        throw new IllegalStateException(
            "Formatting the Kafka log in "
                + directory
                + " did not finish within "
                + FORMAT_TIMEOUT);
      }
      if (format.exitValue() != 0) {
        throw new IllegalStateException(
            "Formatting the Kafka log in "
                + directory
                + " failed with code "
                + format.exitValue()
                + "; the end of "
                + logFile()
                + ":\n"
                + logTail());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run the Kafka storage tool from " + brokerLibs, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while formatting the Kafka log", e);
    }
  }

  private void writeServerProperties() {
    String voters = "1@" + HOST + ":" + controllerPort;
    Map<String, String> settings =
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            // Static voters: the voter's port may change between starts, which KRaft accepts.
            Map.entry("controller.quorum.voters", voters),
            Map.entry(
                "listeners",
                "PLAINTEXT://"
                    + HOST
                    + ":"
                    + clientPort
                    + ",CONTROLLER://"
                    + HOST
                    + ":"
                    + controllerPort),
            Map.entry("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("log.dirs", directory.resolve("data").toString()),
            // One node: internal topics cannot have more replicas than that.
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            // 50 partitions each (the default) only slow the first consumer group and transaction
            // of a one-node broker down.
            Map.entry("offsets.topic.num.partitions", "5"),
            Map.entry("transaction.state.log.num.partitions", "5"),
            Map.entry("share.coordinator.state.topic.num.partitions", "5"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            // After a crash the restarted broker cannot register until the controller has expired
            // the dead one's session: 9 s by default. Broker and controller share the process, so
            // heartbeats are local and a short session is safe.
            Map.entry("broker.session.timeout.ms", "3000"),
            Map.entry("broker.heartbeat.interval.ms", "500"),
            // Topics exist because Paved created them with its settings, never by a typo.
            Map.entry("auto.create.topics.enable", "false"));
    Properties properties = new Properties();
    properties.putAll(settings);
    properties.putAll(extraProperties);
    try (Writer writer = Files.newBufferedWriter(serverProperties(), StandardCharsets.UTF_8)) {
      properties.store(writer, "Generated by Paved on every start; edits are overwritten");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + serverProperties(), e);
    }
  }

  private ProcessBuilder javaCommand(String... arguments) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(List.of(java, "-cp", brokerLibs.resolve("*").toString()));
    command.addAll(Arrays.asList(arguments));
    return new ProcessBuilder(command).directory(directory.toFile());
  }

  private static void requireBrokerJars(Path brokerLibs) {
    boolean hasJars = false;
    if (Files.isDirectory(brokerLibs)) {
      try (DirectoryStream<Path> jars = Files.newDirectoryStream(brokerLibs, "*.jar")) {
        hasJars = jars.iterator().hasNext();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the Kafka broker jars in " + brokerLibs, e);
      }
    }
    if (!hasJars) {
      throw new IllegalStateException(
          "No Kafka broker jars in "
              + brokerLibs.toAbsolutePath()
              + " (setting kafka.broker-libs): the build copies them there; run ./paved, or"
              + " mvn -pl ingest package");
    }
  }

  /**
   * A run that crashed (or was killed with its JVM) can leave its broker running, holding the log's
   * lock and the ports. Stop it, but only if the recorded pid is still a Kafka broker of this
   * directory: pids get reused.
   */
  private static void stopBrokerLeftBehind(Path home) {
    Path pidFile = home.resolve("broker.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
      String ourConfig = home.resolve("server.properties").toString();
      Optional<ProcessHandle> left =
          ProcessHandle.of(pid)
              .filter(ProcessHandle::isAlive)
              .filter(
                  p ->
                      p.info()
                          .commandLine()
                          .filter(c -> c.contains("kafka.Kafka") && c.contains(ourConfig))
                          .isPresent());
      if (left.isPresent()) {
        LOG.warn("Stopping Kafka broker {} left running in {} by an earlier run", pid, home);
        stop(left.get());
      }
    } catch (NumberFormatException | IOException e) {
      LOG.warn("Ignoring unreadable pid file {}: {}", pidFile, e.toString());
    }
    deleteQuietly(pidFile);
  }

  /**
   * The ports of the last start when both are still free, so that clients (and the voter address)
   * stay the same; new free ports otherwise, saved for the next start.
   */
  private static int[] choosePorts(Path home) {
    Path file = home.resolve("ports.properties");
    Properties saved = new Properties();
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        saved.load(reader);
        int client = Integer.parseInt(saved.getProperty(CLIENT_PORT, "0"));
        int controller = Integer.parseInt(saved.getProperty(CONTROLLER_PORT, "0"));
        if (client > 0 && controller > 0 && portFree(client) && portFree(controller)) {
          return new int[] {client, controller};
        }
        LOG.warn(
            "Ports {} and {} of the Kafka broker in {} are taken; moving to new ones (clients must"
                + " be given the new address)",
            client,
            controller,
            home);
      } catch (IOException | NumberFormatException e) {
        LOG.warn("Ignoring unreadable {}: {}", file, e.toString());
      }
    }
    int[] ports = freePorts();
    Properties chosen = new Properties();
    chosen.setProperty(CLIENT_PORT, Integer.toString(ports[0]));
    chosen.setProperty(CONTROLLER_PORT, Integer.toString(ports[1]));
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      chosen.store(writer, "Ports of the private Kafka broker, kept across restarts");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    return ports;
  }

  /** Two distinct free ports, both held open while choosing so that they differ. */
  private static int[] freePorts() {
    try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        ServerSocket second = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return new int[] {first.getLocalPort(), second.getLocalPort()};
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find free ports on " + HOST, e);
    }
  }

  private static boolean portFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(HOST, port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 200);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private String logTail() {
    Path log = logFile();
    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
      long size = channel.size();
      long from = Math.max(0, size - 64 * 1024);
      channel.position(from);
      try (InputStream in = Channels.newInputStream(channel)) {
        String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        return String.join(
            "\n",
            Arrays.copyOfRange(lines, Math.max(0, lines.length - LOG_TAIL_LINES), lines.length));
      }
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** SIGTERM, then SIGKILL if the broker has not exited within {@link #STOP_TIMEOUT}. */
  private static void stop(ProcessHandle handle) {
    handle.destroy();
    if (!awaitExit(handle, STOP_TIMEOUT)) {
      LOG.warn("Kafka broker {} ignored SIGTERM for {}; killing it", handle.pid(), STOP_TIMEOUT);
      handle.destroyForcibly();
      awaitExit(handle, STOP_TIMEOUT);
    }
  }

  private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Cannot delete {}: {}", file, e.toString());
    }
  }

  private Path serverProperties() {
    return directory.resolve("server.properties");
  }

  private Path logFile() {
    return directory.resolve("broker.log");
  }

  private Path pidFile() {
    return directory.resolve("broker.pid");
  }
}
