package dev.paved.ingest.bench;

import dev.paved.ingest.synthetic.OrganisationShape;
import dev.paved.ingest.synthetic.SyntheticOrganisation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's events: the synthetic organisation's NDJSON lines (shape {@code small}, a fixed
 * seed, so every process of a run builds the same bytes), padded with an attribute to about {@code
 * eventBytes} where shorter. An endless stream of distinct events is made by prefixing the ids of
 * each pass over them, e.g. {@code b3.hris-b07e...}; the organisation's own resent events stay
 * duplicates within a pass, as a real sender's would be.
 */
final class BenchEvents {
  private static final byte[] ID_START = "{\"id\":\"".getBytes(StandardCharsets.UTF_8);

  private final byte[][] lines;
  private final long totalBytes;

  BenchEvents(long seed, int eventBytes) {
    List<byte[]> generated = new ArrayList<>();
    long bytes = 0;
    for (byte[] line : new SyntheticOrganisation(OrganisationShape.small(), seed)) {
      byte[] padded = pad(line, eventBytes);
      if (!startsWithId(padded)) {
        throw new IllegalStateException("a synthetic event does not start with its id");
      }
      generated.add(padded);
      bytes += padded.length;
    }
    this.lines = generated.toArray(byte[][]::new);
    this.totalBytes = bytes;
  }

  int size() {
    return lines.length;
  }

  double averageBytes() {
    return (double) totalBytes / lines.length;
  }

  /** Event number {@code n} of the endless stream named {@code stream}, as one JSON line. */
  void writeEvent(String stream, long n, ByteArrayOutputStream out) {
    byte[] line = lines[(int) (n % lines.length)];
    out.write(line, 0, ID_START.length);
    byte[] prefix = (stream + (n / lines.length) + ".").getBytes(StandardCharsets.US_ASCII);
    out.write(prefix, 0, prefix.length);
    out.write(line, ID_START.length, line.length - ID_START.length);
  }

  /** Events {@code first} to {@code first + count - 1} of {@code stream} as NDJSON. */
  byte[] ndjson(String stream, long first, int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(count * 320);
    for (long n = first; n < first + count; n++) {
      writeEvent(stream, n, out);
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** One event of {@code stream}, as a JSON object body. */
  byte[] single(String stream, long n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(320);
    writeEvent(stream, n, out);
    return out.toByteArray();
  }

  /** Adds {@code "attributes":{"bench_pad":"xxx"}} to an event without attributes, up to size. */
  private static byte[] pad(byte[] line, int eventBytes) {
    String text = new String(line, StandardCharsets.UTF_8);
    String attribute = ",\"attributes\":{\"bench_pad\":\"\"}";
    int missing = eventBytes - line.length - attribute.length();
    if (missing <= 0 || text.contains("\"attributes\"")) {
      return line;
    }
    String padded =
        text.substring(0, text.length() - 1)
            + ",\"attributes\":{\"bench_pad\":\""
            + "x".repeat(missing)
            + "\"}}";
    return padded.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean startsWithId(byte[] line) {
    return line.length > ID_START.length
        && Arrays.equals(line, 0, ID_START.length, ID_START, 0, ID_START.length);
  }
}
