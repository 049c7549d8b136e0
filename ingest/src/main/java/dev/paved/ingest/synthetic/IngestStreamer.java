package dev.paved.ingest.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.model.EventCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams NDJSON lines to a running ingest ({@code POST /v1/events}) in batches, at most {@code
 * eventsPerSecond}. Overload answers (429, 503) are retried after their {@code Retry-After}, as a
 * well-behaved sender should; any other refusal stops the stream with the server's reason.
 */
public final class IngestStreamer {
  private static final Logger log = LoggerFactory.getLogger(IngestStreamer.class);

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI eventsUri;
  private final String token;
  private final int batchSize;
  private final int eventsPerSecond;

  /** What a finished stream sent. */
  public record Sent(long events, long accepted, long duplicates, long rejected) {}

  public IngestStreamer(URI eventsUri, String token, int batchSize, int eventsPerSecond) {
    if (batchSize < 1 || eventsPerSecond < 1) {
      throw new IllegalArgumentException("batch size and rate must be positive");
    }
    this.eventsUri = eventsUri;
    this.token = token;
    this.batchSize = batchSize;
    this.eventsPerSecond = eventsPerSecond;
  }

  public Sent stream(Iterator<byte[]> lines) throws IOException, InterruptedException {
    long events = 0;
    long accepted = 0;
    long duplicates = 0;
    long rejected = 0;
    long began = System.nanoTime();
    while (lines.hasNext()) {
      ByteArrayOutputStream batch = new ByteArrayOutputStream();
      int inBatch = 0;
      while (inBatch < batchSize && lines.hasNext()) {
        batch.write(lines.next());
        batch.write('\n');
        inBatch++;
      }
      JsonNode answer = EventCodec.mapper().readTree(post(batch.toByteArray()));
      accepted += answer.path("accepted").asLong();
      duplicates += answer.path("duplicates").asLong();
      rejected += answer.path("rejected").size();
      events += inBatch;
      long due = began + events * 1_000_000_000L / eventsPerSecond;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }
    return new Sent(events, accepted, duplicates, rejected);
  }

  private String post(byte[] ndjson) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(eventsUri)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofByteArray(ndjson))
            .build();
    while (true) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status == 200 || status == 400 && response.body().contains("\"rejected\"")) {
        return response.body();
      }
      if (status == 429 || status == 503) {
        long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
        log.info("ingest answered {}; retrying in {} s", status, seconds);
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        continue;
      }
      throw new IOException("ingest refused the batch with " + status + ": " + response.body());
    }
  }
}
