package dev.paved.ingest.http;

import dev.paved.config.IngestConfig;
import dev.paved.config.IngestConfig.SourceToken;
import dev.paved.ingest.dedupe.RecentEventIds;
import dev.paved.ingest.http.BatchOutcome.Rejection;
import dev.paved.ingest.log.EventLog;
import dev.paved.ingest.log.LogRecord;
import dev.paved.model.Decoded;
import dev.paved.model.Event;
import dev.paved.model.EventCodec;
import dev.paved.model.Violation;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/events}: authenticate, read, validate, deduplicate, append to the event log, and
 * answer {@code 2xx} only once Kafka acknowledged every accepted event.
 */
public final class EventsEndpoint {
  private static final Logger log = LoggerFactory.getLogger(EventsEndpoint.class);

  private final IngestConfig config;
  private final SenderAuthentication authentication;
  private final EventBatchReader reader;
  private final RecentEventIds recentIds;
  private final EventLog eventLog;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final Semaphore inFlight;

  public EventsEndpoint(
      IngestConfig config,
      RecentEventIds recentIds,
      EventLog eventLog,
      IngestMetrics metrics,
      Clock clock) {
    this.config = config;
    this.authentication = new SenderAuthentication(config.tokens());
    this.reader =
        new EventBatchReader(
            EventCodec.mapper(), EventCodec.MAX_EVENT_BYTES, config.maxBatchEvents(), 32);
    this.recentIds = recentIds;
    this.eventLog = eventLog;
    this.metrics = metrics;
    this.clock = clock;
    this.inFlight = new Semaphore(config.maxInFlightRequests());
  }

  public void handle(Context ctx) {
    long started = System.nanoTime();
    try {
      Optional<SourceToken> sender = authentication.authenticate(ctx.header("Authorization"));
      if (sender.isEmpty()) {
        ctx.header("WWW-Authenticate", "Bearer");
        Problem.send(
            ctx, 401, "Unauthorized", "send a valid ingest token as Authorization: Bearer <token>");
        return;
      }
      if (!inFlight.tryAcquire()) {
        ctx.header("Retry-After", "1");
        Problem.send(ctx, 429, "Too Many Requests", "ingest is at capacity; retry shortly");
        return;
      }
      try {
        accept(ctx, sender.get());
      } finally {
        inFlight.release();
      }
    } finally {
      metrics.request(ctx.statusCode(), System.nanoTime() - started);
    }
  }

  private void accept(Context ctx, SourceToken sender) {
    String encoding = Optional.ofNullable(ctx.header("Content-Encoding")).orElse("identity");
    boolean gzip = encoding.equalsIgnoreCase("gzip");
    if (!gzip && !encoding.equalsIgnoreCase("identity")) {
      Problem.send(ctx, 415, "Unsupported Media Type", "Content-Encoding must be gzip or absent");
      return;
    }
    String contentType =
        Optional.ofNullable(ctx.contentType()).orElse("application/json").toLowerCase(Locale.ROOT);
    boolean ndjson =
        contentType.startsWith("application/x-ndjson")
            || contentType.startsWith("application/jsonl");
    if (!ndjson && !contentType.startsWith("application/json")) {
      Problem.send(
          ctx,
          415,
          "Unsupported Media Type",
          "Content-Type must be application/json or application/x-ndjson");
      return;
    }

    List<EventBatchReader.Candidate> candidates;
    try {
      byte[] body = BodyReader.read(ctx.bodyInputStream(), gzip, config.maxBodyBytes());
      candidates = ndjson ? reader.readNdjson(body) : reader.readJson(body);
    } catch (BodyReader.TooLarge | EventBatchReader.TooManyEvents e) {
      Problem.send(ctx, 413, "Content Too Large", e.getMessage());
      return;
    } catch (EventBatchReader.MalformedBody e) {
      Problem.send(ctx, 400, "Malformed JSON", e.getMessage());
      return;
    } catch (IOException e) {
      Problem.send(ctx, 400, "Unreadable Body", "the body could not be read: " + e.getMessage());
      return;
    }

    Instant now = clock.instant();
    List<Rejection> rejected = new ArrayList<>();
    List<Event> valid = new ArrayList<>();
    for (EventBatchReader.Candidate candidate : candidates) {
      if (candidate.json() == null) {
        rejected.add(new Rejection(candidate.index(), null, candidate.problem()));
        metrics.event("rejected", "unknown", sender.source());
        continue;
      }
      Decoded decoded = EventCodec.decode(candidate.json(), now);
      if (decoded instanceof Decoded.Valid v) {
        valid.add(v.event());
      } else {
        Decoded.Invalid invalid = (Decoded.Invalid) decoded;
        rejected.add(
            new Rejection(
                candidate.index(),
                invalid.id(),
                invalid.violations().stream()
                    .map(Violation::message)
                    .collect(Collectors.joining("; "))));
        metrics.event("rejected", typeLabel(candidate), sender.source());
      }
    }

    List<String> forbidden =
        valid.stream()
            .map(e -> e.type().wireName())
            .filter(type -> !sender.allows(type))
            .distinct()
            .toList();
    if (!forbidden.isEmpty()) {
      Problem.send(
          ctx,
          403,
          "Forbidden",
          "the token of source "
              + sender.source()
              + " may not send events of type "
              + String.join(", ", forbidden)
              + "; nothing of this request was stored");
      return;
    }

    List<Event> fresh = new ArrayList<>();
    int duplicates = 0;
    for (Event event : valid) {
      if (recentIds.claim(event.id(), now)) {
        fresh.add(event);
      } else {
        duplicates++;
        metrics.event("duplicate", event.type().wireName(), sender.source());
      }
    }

    if (!fresh.isEmpty() && !appendDurably(fresh, sender, now)) {
      fresh.forEach(e -> recentIds.release(e.id()));
      ctx.header("Retry-After", "5");
      Problem.send(
          ctx,
          503,
          "Event Log Unavailable",
          "Kafka did not acknowledge the events in time; nothing of this request is guaranteed"
              + " stored; retry with the same ids (duplicates are recognised)");
      return;
    }
    fresh.forEach(e -> metrics.event("accepted", e.type().wireName(), sender.source()));

    BatchOutcome outcome = new BatchOutcome(fresh.size(), duplicates, rejected);
    if (valid.isEmpty() && !rejected.isEmpty()) {
      Problem.send(
          ctx,
          400,
          "No Valid Events",
          "every event of the request was rejected; see rejected",
          Map.of("accepted", 0, "duplicates", 0, "rejected", rejected));
      return;
    }
    ctx.status(200).json(outcome);
  }

  private boolean appendDurably(List<Event> events, SourceToken sender, Instant receivedAt) {
    List<LogRecord> records = new ArrayList<>(events.size());
    for (Event event : events) {
      records.add(
          new LogRecord(
              event.id(),
              EventCodec.encode(event),
              Map.of(
                  "source", sender.source(),
                  "type", event.type().wireName(),
                  "received-at", receivedAt.toString(),
                  "content-type", "application/json")));
    }
    long started = System.nanoTime();
    try {
      eventLog.append(records).get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
      metrics.produced(System.nanoTime() - started);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("Kafka did not acknowledge a batch of {} events: {}", events.size(), e.toString());
    }
    metrics.brokerError();
    return false;
  }

  private static String typeLabel(EventBatchReader.Candidate candidate) {
    String type = candidate.json().path("type").asText("");
    return type.matches("change|deploy|incident|developer|usage|ticket|survey|deviation")
        ? type
        : "unknown";
  }
}
