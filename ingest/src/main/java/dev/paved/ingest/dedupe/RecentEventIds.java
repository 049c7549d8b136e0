package dev.paved.ingest.dedupe;

import com.carrotsearch.hppc.LongHashSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The ids accepted within the dedupe window, so a resent event is answered as a duplicate and not
 * appended to the log again.
 *
 * <p>Memory is bounded twice: ids older than the window are forgotten a whole time slice at a time,
 * and beyond {@code maxIds} the oldest slice goes early. Each id is kept as a 64-bit fingerprint
 * (the first 8 bytes of its SHA-256) in a primitive hash set, about 16 bytes an id; with 10 million
 * ids the chance that a new id collides with any of them is about 5e-13. What falls out of the
 * window is still counted once downstream: the raw events table and the jobs' keyed state
 * deduplicate by id.
 */
public final class RecentEventIds {
  private static final int SLICES = 24 * 7;

  private final Duration window;
  private final Duration sliceLength;
  private final long maxIds;
  private final Deque<Slice> slices = new ArrayDeque<>();
  private long size;

  private record Slice(Instant start, LongHashSet fingerprints) {}

  public RecentEventIds(Duration window, long maxIds) {
    if (window.isNegative() || window.isZero() || maxIds < 1) {
      throw new IllegalArgumentException("window and maxIds must be positive");
    }
    this.window = window;
    this.sliceLength = window.dividedBy(SLICES).isZero() ? window : window.dividedBy(SLICES);
    this.maxIds = maxIds;
  }

  /**
   * Claims {@code id} at {@code now}: true when it was not seen within the window (the caller now
   * owns it and must {@link #release} it if the event is not made durable), false for a duplicate.
   */
  public synchronized boolean claim(String id, Instant now) {
    expire(now);
    long fingerprint = fingerprint(id);
    for (Slice slice : slices) {
      if (slice.fingerprints.contains(fingerprint)) {
        return false;
      }
    }
    Slice newest = slices.peekLast();
    if (newest == null || !now.isBefore(newest.start.plus(sliceLength))) {
      newest = new Slice(now, new LongHashSet());
      slices.addLast(newest);
    }
    newest.fingerprints.add(fingerprint);
    size++;
    while (size > maxIds && slices.size() > 1) {
      size -= slices.removeFirst().fingerprints.size();
    }
    return true;
  }

  /** Forgets a claim whose event could not be made durable, so the sender's retry is accepted. */
  public synchronized void release(String id) {
    long fingerprint = fingerprint(id);
    for (Slice slice : slices) {
      if (slice.fingerprints.remove(fingerprint)) {
        size--;
        return;
      }
    }
  }

  public synchronized long size() {
    return size;
  }

  private void expire(Instant now) {
    Instant oldestKept = now.minus(window);
    while (!slices.isEmpty() && slices.peekFirst().start.plus(sliceLength).isBefore(oldestKept)) {
      size -= slices.removeFirst().fingerprints.size();
    }
  }

  private static long fingerprint(String id) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | (digest[i] & 0xff);
      }
      return value;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
