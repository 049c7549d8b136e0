package dev.paved.ingest.http;

import java.util.concurrent.Semaphore;

/**
 * Bounds the work ingest holds at once, so that overload is answered with {@code 429} instead of
 * growing the heap: at most so many requests, and at most so many bytes of (decompressed) request
 * bodies. Both are taken without waiting: a request that does not get them is refused at once.
 */
final class InFlightLimits {
  private static final int KIB = 1024;

  private final Semaphore requests;
  private final Semaphore kibibytes;
  private final int maxRequests;
  private final int maxKibibytes;

  InFlightLimits(int maxRequests, long maxBytes) {
    this.maxRequests = maxRequests;
    this.maxKibibytes = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxBytes / KIB));
    this.requests = new Semaphore(maxRequests);
    this.kibibytes = new Semaphore(maxKibibytes);
  }

  /** A slot for one request, or null when {@code maxRequests} are under way. */
  Reservation tryEnter() {
    return requests.tryAcquire() ? new Reservation() : null;
  }

  int requestsInFlight() {
    return maxRequests - requests.availablePermits();
  }

  long bytesInFlight() {
    return (long) (maxKibibytes - kibibytes.availablePermits()) * KIB;
  }

  /** One request's share; closing it gives back its slot and every byte it reserved. */
  final class Reservation implements AutoCloseable {
    private int reservedKibibytes;
    private boolean closed;

    private Reservation() {}

    /** Reserves {@code bytes} more for this request; false when the budget has not that much. */
    boolean reserve(long bytes) {
      int wanted = (int) Math.min(Integer.MAX_VALUE, (bytes + KIB - 1) / KIB);
      if (wanted == 0) {
        return true;
      }
      if (!kibibytes.tryAcquire(wanted)) {
        return false;
      }
      reservedKibibytes += wanted;
      return true;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      kibibytes.release(reservedKibibytes);
      requests.release();
    }
  }
}
