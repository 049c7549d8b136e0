package dev.paved.ingest.http;

/**
 * Checks that bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
 * above U+10FFFF) and hold no NUL byte, which JSON text never contains and which would let the JSON
 * parser mistake the body for UTF-16 or UTF-32.
 */
final class Utf8 {
  private Utf8() {}

  /** Where the bytes stop being acceptable: the offset of the first bad byte, or -1. */
  static int firstInvalid(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      int b = bytes[i];
      if (b > 0) {
        i++;
        continue;
      }
      if (b == 0) {
        return i;
      }
      int lead = b & 0xff;
      int length;
      int min;
      int max;
      if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
        min = 0x80;
        max = 0x7ff;
      } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        min = 0x800;
        max = 0xffff;
      } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        min = 0x10000;
        max = 0x10ffff;
      } else {
        return i;
      }
      if (i + length > to) {
        return i;
      }
      int codePoint = lead & (0xff >> (length + 1));
      for (int k = 1; k < length; k++) {
        int next = bytes[i + k] & 0xff;
        if ((next & 0xc0) != 0x80) {
          return i;
        }
        codePoint = (codePoint << 6) | (next & 0x3f);
      }
      if (codePoint < min || codePoint > max || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
        return i;
      }
      i += length;
    }
    return -1;
  }

  /**
   * Line and column (both from 1, the column in characters) of {@code offset}, counted from {@code
   * from}; the bytes before {@code offset} must be valid UTF-8.
   */
  static int[] position(byte[] bytes, int from, int offset) {
    int line = 1;
    int column = 1;
    for (int i = from; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        column = 1;
      } else if ((bytes[i] & 0xc0) != 0x80) {
        column++;
      }
    }
    return new int[] {line, column};
  }

  /** A sentence for the sender: what is wrong at {@code offset}. */
  static String describe(byte[] bytes, int offset) {
    if (bytes[offset] == 0) {
      return "a NUL byte (JSON text is UTF-8 and never holds one)";
    }
    return String.format("invalid UTF-8 (byte 0x%02x)", bytes[offset] & 0xff);
  }
}
