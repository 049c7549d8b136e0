package dev.paved.ingest.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads a request body with a hard size limit that also holds after gzip decompression, so a small
 * compressed bomb cannot fill the heap.
 */
final class BodyReader {
  private BodyReader() {}

  /** The body is larger than the limit. */
  static final class TooLarge extends Exception {
    TooLarge(String message) {
      super(message);
    }
  }

  static byte[] read(InputStream raw, boolean gzip, int maxBytes) throws IOException, TooLarge {
    InputStream in = gzip ? new GZIPInputStream(raw, 8192) : raw;
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 64 * 1024));
    byte[] buffer = new byte[8192];
    int total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > maxBytes) {
        throw new TooLarge(
            "the body is larger than "
                + maxBytes
                + " bytes"
                + (gzip ? " once decompressed" : "")
                + "; send smaller batches");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
