package dev.paved.ingest.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads a request body with a hard size limit that also holds after gzip decompression, so a small
 * compressed bomb cannot fill the heap, and takes the memory it holds from the request's share of
 * {@link InFlightLimits} before it allocates it.
 */
final class BodyReader {
  private static final int FIRST_CHUNK = 64 * 1024;

  private BodyReader() {}

  /** The body is larger than the limit. */
  static final class TooLarge extends Exception {
    TooLarge(String message) {
      super(message);
    }
  }

  /** Ingest holds as many body bytes as it may: the request must come back later. */
  static final class Overloaded extends Exception {
    Overloaded(String message) {
      super(message);
    }
  }

  /**
   * @param contentLength the {@code Content-Length} header, or -1 when the body is chunked
   */
  static byte[] read(
      InputStream raw,
      boolean gzip,
      long contentLength,
      int maxBytes,
      InFlightLimits.Reservation reservation)
      throws IOException, TooLarge, Overloaded {
    if (!gzip && contentLength > maxBytes) {
      drain(raw, contentLength <= 2L * maxBytes ? contentLength : 0);
      throw tooLarge(maxBytes, false);
    }
    if (!gzip && contentLength >= 0) {
      reserve(reservation, contentLength);
      return raw.readNBytes((int) contentLength);
    }
    InputStream in = gzip ? new GZIPInputStream(raw, 8192) : raw;
    int capacity = Math.min(maxBytes + 1, FIRST_CHUNK);
    reserve(reservation, capacity);
    byte[] buffer = new byte[capacity];
    int total = 0;
    while (true) {
      if (total == buffer.length) {
        if (total > maxBytes) {
          drain(raw, 2L * maxBytes);
          throw tooLarge(maxBytes, gzip);
        }
        int grown = (int) Math.min((long) maxBytes + 1, 2L * buffer.length);
        reserve(reservation, grown - buffer.length);
        buffer = Arrays.copyOf(buffer, grown);
      }
      int n = in.read(buffer, total, buffer.length - total);
      if (n == -1) {
        break;
      }
      total += n;
    }
    if (total > maxBytes) {
      throw tooLarge(maxBytes, gzip);
    }
    return total == buffer.length ? buffer : Arrays.copyOf(buffer, total);
  }

  /**
   * Reads and drops up to {@code limit} more bytes of a body that is refused, so that a sender
   * still writing it reads the answer instead of a reset connection; beyond the limit the
   * connection is closed after the answer.
   */
  private static void drain(InputStream raw, long limit) {
    byte[] scratch = new byte[8192];
    long left = limit;
    try {
      int n;
      while (left > 0 && (n = raw.read(scratch, 0, (int) Math.min(scratch.length, left))) != -1) {
        left -= n;
      }
    } catch (IOException ignored) {
      // The sender gave up: nothing left to answer.
    }
  }

  private static void reserve(InFlightLimits.Reservation reservation, long bytes)
      throws Overloaded {
    if (!reservation.reserve(bytes)) {
      throw new Overloaded("ingest holds as many request bytes as it may; retry shortly");
    }
  }

  private static TooLarge tooLarge(int maxBytes, boolean gzip) {
    return new TooLarge(
        "the body is larger than "
            + maxBytes
            + " bytes"
            + (gzip ? " once decompressed" : "")
            + "; send smaller batches");
  }
}
