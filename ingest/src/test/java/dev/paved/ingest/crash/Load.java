package dev.paved.ingest.crash;

import static dev.paved.ingest.http.Ingest.change;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Senders posting NDJSON batches of new events, as fast as ingest answers, each remembering which
 * ids were acknowledged with {@code 2xx}. With {@code retry} a sender resends a batch that was not
 * acknowledged, with the same ids, as the contract asks senders to.
 */
final class Load implements AutoCloseable {
  private final String url;
  private final String prefix;
  private final int batchSize;
  private final boolean retry;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicLong lastAcknowledgedAt = new AtomicLong();
  private final List<Thread> senders = new ArrayList<>();

  Load(String baseUrl, String prefix, int senders, int batchSize, boolean retry) {
    this.url = baseUrl + "/v1/events";
    this.prefix = prefix;
    this.batchSize = batchSize;
    this.retry = retry;
    for (int i = 0; i < senders; i++) {
      int sender = i;
      Thread thread = new Thread(() -> send(sender), "load-" + prefix + i);
      thread.setDaemon(true);
      this.senders.add(thread);
      thread.start();
    }
  }

  private void send(int sender) {
    int batch = 0;
    List<String> ids = null;
    while (running.get()) {
      if (ids == null) {
        ids = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
          ids.add(prefix + sender + "-" + batch + "-" + i);
        }
        batch++;
      }
      StringBuilder body = new StringBuilder();
      ids.forEach(id -> body.append(change(id)).append('\n'));
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + dev.paved.ingest.http.Ingest.ALL_TOKEN)
              .header("Content-Type", "application/x-ndjson")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
              .build();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
          acknowledged.addAll(ids);
          lastAcknowledgedAt.set(System.nanoTime());
          ids = null;
          continue;
        }
      } catch (IOException e) {
        // The server went away mid-request: the batch is not acknowledged.
      } catch (InterruptedException e) {
        return;
      }
      failures.incrementAndGet();
      if (!retry) {
        ids = null;
      }
      pause();
    }
  }

  private void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ids acknowledged with 2xx so far. */
  Set<String> acknowledged() {
    return acknowledged;
  }

  int failures() {
    return failures.get();
  }

  /** {@link System#nanoTime()} of the latest 2xx; 0 before the first. */
  long lastAcknowledgedAt() {
    return lastAcknowledgedAt.get();
  }

  /** Waits until {@code count} ids were acknowledged; false after {@code timeout}. */
  boolean awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acknowledged.size() < count) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** Stops the senders and waits for the requests under way. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread sender : senders) {
      sender.join(TimeUnit.SECONDS.toMillis(40));
    }
  }
}
