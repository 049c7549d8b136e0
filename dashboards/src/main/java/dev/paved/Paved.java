package dev.paved;

import dev.paved.config.ConfigException;
import dev.paved.config.PavedConfig;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of {@code ./paved}: {@code run} starts every stage in this one process; {@code
 * ingest}, {@code jobs} and {@code api} start one stage each, for scale-out; {@code backfill}
 * replays the whole event log through the jobs and exits. Whatever it starts, including private
 * ClickHouse and Kafka servers, stops on Ctrl-C.
 */
public final class Paved {
  private static final Logger log = LoggerFactory.getLogger(Paved.class);
  private static final Set<String> COMMANDS = Set.of("run", "ingest", "jobs", "api", "backfill");

  private Paved() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length == 0 || !COMMANDS.contains(args[0])) {
      System.err.println("usage: paved run [--demo] | ingest | jobs | api | backfill");
      System.exit(2);
    }
    List<String> flags = List.of(args).subList(1, args.length);
    for (String flag : flags) {
      if (!flag.equals("--demo") || !args[0].equals("run")) {
        System.err.println("paved: unknown option " + flag + " for " + args[0]);
        System.exit(2);
      }
    }
    PavedConfig config;
    try {
      config = PavedConfig.load();
    } catch (ConfigException e) {
      System.err.println("paved: bad setting: " + e.getMessage());
      System.exit(2);
      return;
    }

    Stack stack = new Stack(config);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "paved-shutdown"));
    try {
      stack.start(args[0], flags.contains("--demo"));
    } catch (RuntimeException e) {
      log.error("Paved could not start: {}", e.getMessage(), e);
      System.err.println("paved: could not start: " + e.getMessage());
      System.exit(1);
    }
    stack.printUrls();
    if (args[0].equals("backfill")) {
      stack.close();
      System.exit(0); // Flink's local threads would otherwise keep the JVM alive
    }
    Thread.currentThread().join();
  }
}
