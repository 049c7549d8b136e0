package dev.paved.ingest.synthetic;

/**
 * Identifiers that look like the real ones (hex event ids, 40-digit commit shas) and are unique by
 * construction: each is a bijective mix of a seed-keyed counter, never a random draw that could
 * collide.
 */
final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final long GOLDEN = 0x9e3779b97f4a7c15L;

  private final long eventKey;
  private final long shaKey;
  private final long runKey;
  private long events;
  private long shas;
  private long runs;

  Ids(long seed) {
    eventKey = mix(seed);
    shaKey = mix(seed + GOLDEN);
    runKey = mix(seed + 2 * GOLDEN);
  }

  /** The SplitMix64 finaliser: a bijection on 64 bits that scatters consecutive inputs. */
  static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** An event id as the sending tool would make it, e.g. {@code github-3f9a...}. */
  String event(String source) {
    return source + '-' + hex(mix(eventKey + ++events), 16);
  }

  /** A git commit sha; the first 16 digits alone make it unique. */
  String sha() {
    long n = ++shas;
    return hex(mix(shaKey + n), 16) + hex(mix(shaKey + n + GOLDEN), 16) + hex(mix(shaKey - n), 8);
  }

  String run() {
    return "run-" + hex(mix(runKey + ++runs), 16);
  }

  private static String hex(long value, int digits) {
    char[] out = new char[digits];
    for (int i = 0; i < digits; i++) {
      out[i] = HEX[(int) (value >>> (60 - 4 * i)) & 0xf];
    }
    return new String(out);
  }
}
