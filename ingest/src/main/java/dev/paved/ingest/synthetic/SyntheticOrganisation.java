package dev.paved.ingest.synthetic;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The event stream of a synthetic platform organisation, deterministic from its shape and seed:
 * every pass yields byte-identical events in the same delivery order. Events are NDJSON lines
 * (UTF-8, no trailing newline) in the order a sender would deliver them, with the oddities of real
 * senders: out-of-order and late events, duplicates, and deploys that arrive before their changes.
 * They are generated a day at a time, so the reference shape's millions are never all in memory.
 */
public final class SyntheticOrganisation implements Iterable<byte[]> {
  private final OrganisationShape shape;
  private final long seed;

  public SyntheticOrganisation(OrganisationShape shape, long seed) {
    this.shape = shape;
    this.seed = seed;
  }

  /** A fresh pass over all events, one JSON line each. */
  @Override
  public Iterator<byte[]> iterator() {
    return new Simulation(shape, seed);
  }

  /** The same events as strings. */
  public Stream<String> lines() {
    return StreamSupport.stream(spliterator(), false)
        .map(line -> new String(line, StandardCharsets.UTF_8));
  }

  /** Writes every event as NDJSON to {@code file}, replacing it; returns the number of events. */
  public long writeNdjson(Path file) throws IOException {
    long events = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (byte[] line : this) {
        out.write(line);
        out.write('\n');
        events++;
      }
    }
    return events;
  }
}
