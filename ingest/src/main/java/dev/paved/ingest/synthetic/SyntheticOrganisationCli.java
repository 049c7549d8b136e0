package dev.paved.ingest.synthetic;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a synthetic organisation to an NDJSON file: {@code --shape reference|small|tiny --seed N
 * --out file.ndjson}. Prints how many events and bytes it wrote, and how fast.
 */
public final class SyntheticOrganisationCli {
  private static final String USAGE =
      "usage: SyntheticOrganisationCli [--shape reference|small|tiny] [--seed N] --out FILE";

  private SyntheticOrganisationCli() {}

  public static void main(String[] args) throws IOException {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the command; returns the process exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    OrganisationShape shape = OrganisationShape.small();
    long seed = 1;
    Path file = null;
    try {
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--shape" -> shape = shape(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--out" -> file = Path.of(value);
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (file == null) {
        throw new IllegalArgumentException("--out is required");
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
    long began = System.nanoTime();
    long events = new SyntheticOrganisation(shape, seed).writeNdjson(file);
    double seconds = (System.nanoTime() - began) / 1e9;
    out.printf(
        Locale.ROOT,
        "wrote %d events, %d bytes to %s in %.1f s (%.0f events/s)%n",
        events,
        Files.size(file),
        file,
        seconds,
        events / seconds);
    return 0;
  }

  private static OrganisationShape shape(String name) {
    return switch (name) {
      case "reference" -> OrganisationShape.reference();
      case "small" -> OrganisationShape.small();
      case "tiny" -> OrganisationShape.tiny();
      default -> throw new IllegalArgumentException("unknown shape " + name);
    };
  }
}
