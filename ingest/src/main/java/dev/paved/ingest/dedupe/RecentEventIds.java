package dev.paved.ingest.dedupe;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongObjectHashMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The ids accepted within the dedupe window, so a resent event is answered as a duplicate and not
 * appended to the log again.
 *
 * <p>An id goes through two states. {@link #claim} makes it <em>pending</em>: the claiming request
 * owns it and is appending it. {@link Claims#commit} (the log acknowledged it) makes it
 * <em>accepted</em>; {@link Claims#release} (the append failed) forgets it, so the sender's retry
 * is accepted. Another request that sends a pending id is told {@link Status#IN_FLIGHT} with the
 * owner's outcome to wait for: answering it "duplicate" before the owner's append succeeded could
 * acknowledge an event that never reaches the log.
 *
 * <p>Memory is bounded twice: ids older than the window are forgotten a whole slice at a time, and
 * beyond {@code maxIds} the oldest slice goes early. A slice ends after 1/168 of the window (an
 * hour of the default 7 days) or after {@code maxIds / 16} ids, whichever comes first, so a burst
 * cannot grow one slice past the bound. Each id is kept as a 64-bit fingerprint (the first 8 bytes
 * of its SHA-256) in a primitive hash set, 11 to 21 bytes an id; with 10 million ids the chance
 * that a new id collides with any of them is about 5e-13. What falls out of the window is still
 * counted once downstream: the raw events table and the jobs' keyed state deduplicate by id.
 */
public final class RecentEventIds {
  private static final int TIME_SLICES = 24 * 7;
  private static final int COUNT_SLICES = 16;

  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is part of every JVM", e);
            }
          });

  /** What {@link #claim} found for one id. */
  public enum Status {
    /** Not seen within the window: the caller owns it now. */
    FRESH,
    /** Accepted before, or sent earlier in the same claim: not to be appended again. */
    DUPLICATE,
    /** Another request is appending it right now: wait for {@link Claims#inFlight}. */
    IN_FLIGHT
  }

  private final Duration window;
  private final Duration sliceLength;
  private final long maxIds;
  private final int maxSliceIds;
  private final Deque<Slice> slices = new ArrayDeque<>();
  private final LongObjectHashMap<Claims> pending = new LongObjectHashMap<>();
  private long size;

  private record Slice(Instant start, LongHashSet fingerprints) {}

  public RecentEventIds(Duration window, long maxIds) {
    if (window.isNegative() || window.isZero() || maxIds < 1) {
      throw new IllegalArgumentException("window and maxIds must be positive");
    }
    this.window = window;
    this.sliceLength =
        window.dividedBy(TIME_SLICES).isZero() ? window : window.dividedBy(TIME_SLICES);
    this.maxIds = maxIds;
    this.maxSliceIds = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2, maxIds / COUNT_SLICES));
  }

  /**
   * Claims every id at {@code now}, in order, under one lock: an id repeated within {@code ids} is
   * a {@link Status#DUPLICATE} of its first occurrence.
   */
  public Claims claim(List<String> ids, Instant now) {
    long[] fingerprints = new long[ids.size()];
    for (int i = 0; i < fingerprints.length; i++) {
      fingerprints[i] = fingerprint(ids.get(i));
    }
    Claims claims = new Claims(fingerprints.length);
    synchronized (this) {
      expire(now);
      for (int i = 0; i < fingerprints.length; i++) {
        long fingerprint = fingerprints[i];
        if (contains(fingerprint)) {
          Claims owner = pending.get(fingerprint);
          if (owner == null || owner == claims) {
            claims.statuses[i] = Status.DUPLICATE;
          } else {
            claims.statuses[i] = Status.IN_FLIGHT;
            claims.waitFor(owner);
          }
          continue;
        }
        add(fingerprint, now);
        pending.put(fingerprint, claims);
        claims.statuses[i] = Status.FRESH;
        claims.owned[claims.ownedCount++] = fingerprint;
      }
      evictBeyondMaxIds();
    }
    return claims;
  }

  /** Single-id {@link #claim(List, Instant)}: true when fresh, which it leaves pending. */
  public boolean claim(String id, Instant now) {
    return claim(List.of(id), now).status(0) == Status.FRESH;
  }

  /** Ids remembered, pending ones included. */
  public synchronized long size() {
    return size;
  }

  /** Ids claimed and not yet committed or released. */
  public synchronized int pendingCount() {
    return pending.size();
  }

  /**
   * The outcome of one {@link #claim}: a status per id, and the ids it owns until it commits or
   * releases them.
   */
  public final class Claims {
    private final Status[] statuses;
    private final long[] owned;
    private final CompletableFuture<Boolean> outcome = new CompletableFuture<>();
    private final List<CompletableFuture<Boolean>> inFlight = new ArrayList<>();
    private int ownedCount;
    private boolean settled;

    private Claims(int count) {
      this.statuses = new Status[count];
      this.owned = new long[count];
    }

    public Status status(int index) {
      return statuses[index];
    }

    /** How many ids this claim owns (the fresh ones). */
    public int freshCount() {
      return ownedCount;
    }

    /**
     * Completes when every other request that was appending one of these ids has finished: {@code
     * true} when all of them made their events durable, so the ids are duplicates; {@code false}
     * when one failed, so this request must not report them as stored.
     */
    public CompletableFuture<Boolean> inFlight() {
      if (inFlight.isEmpty()) {
        return CompletableFuture.completedFuture(true);
      }
      return CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
          .thenApply(done -> inFlight.stream().allMatch(CompletableFuture::join));
    }

    /** The fresh ids are in the log: from now on they are duplicates. */
    public void commit() {
      settle(true);
    }

    /** The fresh ids did not reach the log: forget them, so that a retry is accepted. */
    public void release() {
      settle(false);
    }

    private void waitFor(Claims owner) {
      if (!inFlight.contains(owner.outcome)) {
        inFlight.add(owner.outcome);
      }
    }

    private void settle(boolean durable) {
      synchronized (RecentEventIds.this) {
        if (settled) {
          return;
        }
        settled = true;
        for (int i = 0; i < ownedCount; i++) {
          long fingerprint = owned[i];
          if (pending.get(fingerprint) == this) {
            pending.remove(fingerprint);
            if (!durable) {
              remove(fingerprint);
            }
          }
        }
      }
      outcome.complete(durable);
    }
  }

  private boolean contains(long fingerprint) {
    // Newest first: a duplicate is most often a recent retry.
    for (var it = slices.descendingIterator(); it.hasNext(); ) {
      if (it.next().fingerprints.contains(fingerprint)) {
        return true;
      }
    }
    return false;
  }

  private void add(long fingerprint, Instant now) {
    Slice newest = slices.peekLast();
    if (newest == null
        || !now.isBefore(newest.start.plus(sliceLength))
        || newest.fingerprints.size() >= maxSliceIds) {
      newest = new Slice(now, new LongHashSet());
      slices.addLast(newest);
    }
    newest.fingerprints.add(fingerprint);
    size++;
  }

  private void remove(long fingerprint) {
    for (Slice slice : slices) {
      if (slice.fingerprints.remove(fingerprint)) {
        size--;
        return;
      }
    }
  }

  private void evictBeyondMaxIds() {
    while (size > maxIds && slices.size() > 1) {
      size -= slices.removeFirst().fingerprints.size();
    }
  }

  private void expire(Instant now) {
    Instant oldestKept = now.minus(window);
    while (!slices.isEmpty() && slices.peekFirst().start.plus(sliceLength).isBefore(oldestKept)) {
      size -= slices.removeFirst().fingerprints.size();
    }
  }

  private static long fingerprint(String id) {
    byte[] digest = SHA_256.get().digest(id.getBytes(StandardCharsets.UTF_8));
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (digest[i] & 0xff);
    }
    return value;
  }
}
