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
import dev.paved.model.EventType;
import dev.paved.model.Violation;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/events}: authenticate, read, validate, authorize, deduplicate, append to the
 * event log, and answer {@code 2xx} only once Kafka acknowledged every accepted event.
 *
 * <p>A request that fails after it claimed ids releases them, so that the sender's retry is
 * accepted rather than answered as a duplicate of an event that was never stored.
 */
public final class EventsEndpoint {
  private static final Logger log = LoggerFactory.getLogger(EventsEndpoint.class);

  /** When ingest received the event (RFC 3339, UTC): where freshness is measured from. */
  public static final String RECEIVED_AT_HEADER = "received-at";

  /** Objects and arrays, the batch's array included; an event is at most 4 levels deep. */
  static final int MAX_NESTING_DEPTH = 32;

  private static final Set<String> TYPES =
      Arrays.stream(EventType.values())
          .map(EventType::wireName)
          .collect(Collectors.toUnmodifiableSet());

  private final IngestConfig config;
  private final SenderAuthentication authentication;
  private final EventBatchReader reader;
  private final RecentEventIds recentIds;
  private final EventLog eventLog;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final InFlightLimits limits;

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
            EventCodec.mapperBuilder(),
            EventCodec.MAX_EVENT_BYTES,
            config.maxBatchEvents(),
            MAX_NESTING_DEPTH,
            config.maxBodyBytes());
    this.recentIds = recentIds;
    this.eventLog = eventLog;
    this.metrics = metrics;
    this.clock = clock;
    this.limits = new InFlightLimits(config.maxInFlightRequests(), config.maxInFlightBytes());
    metrics.watchInFlight(limits::requestsInFlight, limits::bytesInFlight);
  }

  public void handle(Context ctx) {
    long started = System.nanoTime();
    try {
      SourceToken sender = authentication.authenticate(ctx.header("Authorization")).orElse(null);
      if (sender == null) {
        ctx.header("WWW-Authenticate", "Bearer");
        Problem.send(
            ctx,
            401,
            "Unauthorized",
            ctx.header("Authorization") == null
                ? "send an ingest token as Authorization: Bearer <token>"
                : "the bearer token is not a configured ingest token");
        return;
      }
      try (InFlightLimits.Reservation reservation = limits.tryEnter()) {
        if (reservation == null) {
          overloaded(ctx, "ingest is processing as many requests as it may; retry shortly");
          return;
        }
        accept(ctx, sender, reservation);
      }
    } catch (RuntimeException e) {
      log.error("POST /v1/events failed unexpectedly", e);
      Problem.send(ctx, 500, "Internal Server Error", "ingest failed; nothing was acknowledged");
    } finally {
      metrics.request(ctx.statusCode(), System.nanoTime() - started);
    }
  }

  /** A valid event, encoded for the log, and what its answer needs. */
  private record Valid(String id, String type, byte[] json) {}

  private void accept(Context ctx, SourceToken sender, InFlightLimits.Reservation reservation) {
    String encoding = ctx.header("Content-Encoding");
    boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
    if (encoding != null && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
      Problem.send(
          ctx, 415, "Unsupported Media Type", "Content-Encoding must be gzip, identity or absent");
      return;
    }
    String mediaType = mediaType(ctx.header("Content-Type"));
    boolean ndjson =
        mediaType.equals("application/x-ndjson") || mediaType.equals("application/jsonl");
    if (!ndjson && !mediaType.equals("application/json")) {
      Problem.send(
          ctx,
          415,
          "Unsupported Media Type",
          "Content-Type must be application/json (an event or an array of events) or"
              + " application/x-ndjson (one event a line), not "
              + (mediaType.isEmpty() ? "absent" : mediaType));
      return;
    }

    Instant now = clock.instant();
    List<Rejection> rejected = new ArrayList<>();
    List<Valid> valid = new ArrayList<>();
    try {
      byte[] body =
          BodyReader.read(
              ctx.bodyInputStream(),
              gzip,
              ctx.req().getContentLengthLong(),
              config.maxBodyBytes(),
              reservation);
      Consumer<EventBatchReader.Candidate> events =
          candidate -> decode(candidate, now, sender, valid, rejected);
      if (ndjson) {
        reader.readNdjson(body, events);
      } else {
        reader.readJson(body, events);
      }
    } catch (BodyReader.TooLarge | EventBatchReader.TooManyEvents e) {
      Problem.send(ctx, 413, "Content Too Large", e.getMessage());
      return;
    } catch (BodyReader.Overloaded e) {
      overloaded(ctx, e.getMessage());
      return;
    } catch (EventBatchReader.MalformedBody e) {
      Problem.send(ctx, 400, e.title(), e.getMessage());
      return;
    } catch (IOException e) {
      Problem.send(ctx, 400, "Unreadable Body", "the body could not be read: " + e.getMessage());
      return;
    }

    Set<String> forbidden = new LinkedHashSet<>();
    for (Valid event : valid) {
      if (!sender.allows(event.type())) {
        forbidden.add(event.type());
      }
    }
    if (!forbidden.isEmpty()) {
      count(valid.stream().map(Valid::type).toList(), "forbidden", sender);
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

    if (valid.isEmpty()) {
      noValidEvents(ctx, rejected);
      return;
    }
    store(ctx, sender, valid, rejected, now, Map.of());
  }

  /**
   * {@code POST /v1/webhooks/{tool}}: within the same limits as {@code /v1/events}, reads the body,
   * lets the tool's receiver verify and translate it, then validates and stores its events exactly
   * as {@code /v1/events} does. A delivery that makes no event (one Paved does not use) is a {@code
   * 200} with its notes, so the tool does not retry it.
   */
  public void handleWebhook(Context ctx, WebhookReceiver receiver) {
    long started = System.nanoTime();
    SourceToken sender = new SourceToken(receiver.tool(), "", Set.of(), true);
    try (InFlightLimits.Reservation reservation = limits.tryEnter()) {
      if (reservation == null) {
        overloaded(ctx, "ingest is processing as many requests as it may; retry shortly");
        return;
      }
      byte[] body;
      try {
        body =
            BodyReader.read(
                ctx.bodyInputStream(),
                false,
                ctx.req().getContentLengthLong(),
                config.maxBodyBytes(),
                reservation);
      } catch (BodyReader.TooLarge e) {
        Problem.send(ctx, 413, "Content Too Large", e.getMessage());
        return;
      } catch (BodyReader.Overloaded e) {
        overloaded(ctx, e.getMessage());
        return;
      } catch (IOException e) {
        Problem.send(ctx, 400, "Unreadable Body", "the body could not be read: " + e.getMessage());
        return;
      }
      WebhookReceiver.Received received;
      try {
        received = receiver.receive(ctx::header, body);
      } catch (WebhookReceiver.Refused e) {
        if (e.status() == 401) {
          log.warn("webhook of {} refused: {}", receiver.tool(), e.getMessage());
        }
        Problem.send(ctx, e.status(), e.title(), e.getMessage());
        return;
      }
      Instant now = clock.instant();
      List<Rejection> rejected = new ArrayList<>();
      List<Valid> valid = new ArrayList<>();
      for (int i = 0; i < received.events().size(); i++) {
        // The translated event is validated from its JSON, as a sender's would be.
        decode(
            new EventBatchReader.Candidate(i, EventCodec.toJson(received.events().get(i)), null),
            now,
            sender,
            valid,
            rejected);
      }
      Map<String, Object> notes = Map.of("notes", received.notes());
      if (valid.isEmpty() && !rejected.isEmpty()) {
        noValidEvents(ctx, rejected);
      } else if (valid.isEmpty()) {
        ctx.status(200).json(answer(0, 0, rejected, notes));
      } else {
        store(ctx, sender, valid, rejected, now, notes);
      }
    } catch (RuntimeException e) {
      log.error("POST /v1/webhooks/{} failed unexpectedly", receiver.tool(), e);
      Problem.send(ctx, 500, "Internal Server Error", "ingest failed; nothing was acknowledged");
    } finally {
      metrics.request(ctx.statusCode(), System.nanoTime() - started);
    }
  }

  /**
   * Claims the ids of the valid events, appends the fresh ones to Kafka and answers {@code 200}
   * once every one is acknowledged ({@code 503} otherwise, the claims released).
   */
  private void store(
      Context ctx,
      SourceToken sender,
      List<Valid> valid,
      List<Rejection> rejected,
      Instant now,
      Map<String, Object> extra) {
    RecentEventIds.Claims claims = recentIds.claim(valid.stream().map(Valid::id).toList(), now);
    List<Valid> fresh = new ArrayList<>(claims.freshCount());
    try {
      List<LogRecord> records = new ArrayList<>(claims.freshCount());
      Map<String, Map<String, String>> headersByType = new HashMap<>();
      for (int i = 0; i < valid.size(); i++) {
        Valid event = valid.get(i);
        if (claims.status(i) == RecentEventIds.Status.FRESH) {
          fresh.add(event);
          records.add(
              new LogRecord(
                  event.id(),
                  event.json(),
                  headersByType.computeIfAbsent(
                      event.type(), type -> headers(sender.source(), type, now))));
        }
      }
      if (!records.isEmpty() && !appendDurably(records)) {
        unavailable(
            ctx,
            "Kafka did not acknowledge the events in time; none of this request is reported"
                + " stored; retry with the same ids (those stored meanwhile are answered as"
                + " duplicates)");
        return;
      }
      claims.commit();
    } finally {
      // Whatever failed before the commit, the ids are not stored: a retry must be accepted.
      claims.release();
    }
    if (!othersStored(claims)) {
      unavailable(
          ctx,
          "some events of this request were being stored by an earlier request that failed; retry"
              + " with the same ids");
      return;
    }

    count(fresh.stream().map(Valid::type).toList(), "accepted", sender);
    int duplicates = valid.size() - fresh.size();
    if (duplicates > 0) {
      List<String> duplicateTypes = new ArrayList<>(duplicates);
      for (int i = 0; i < valid.size(); i++) {
        if (claims.status(i) != RecentEventIds.Status.FRESH) {
          duplicateTypes.add(valid.get(i).type());
        }
      }
      count(duplicateTypes, "duplicate", sender);
    }
    ctx.status(200).json(answer(fresh.size(), duplicates, rejected, extra));
  }

  /** The batch outcome, with a webhook's extra fields after it. */
  private static Object answer(
      int accepted, int duplicates, List<Rejection> rejected, Map<String, Object> extra) {
    if (extra.isEmpty()) {
      return new BatchOutcome(accepted, duplicates, rejected);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("accepted", accepted);
    answer.put("duplicates", duplicates);
    answer.put("rejected", rejected);
    answer.putAll(extra);
    return answer;
  }

  /** {@code 400}, with the answer's usual fields, when no event of the request can be stored. */
  private static void noValidEvents(Context ctx, List<Rejection> rejected) {
    Map<String, Object> outcome = new LinkedHashMap<>();
    outcome.put("accepted", 0);
    outcome.put("duplicates", 0);
    outcome.put("rejected", rejected);
    String detail =
        rejected.isEmpty()
            ? "the body holds no events"
            : rejected.size() == 1
                ? "the event was rejected: " + rejected.get(0).reason()
                : "every event of the request was rejected; see rejected";
    Problem.send(ctx, 400, rejected.isEmpty() ? "No Events" : "No Valid Events", detail, outcome);
  }

  private void decode(
      EventBatchReader.Candidate candidate,
      Instant now,
      SourceToken sender,
      List<Valid> valid,
      List<Rejection> rejected) {
    if (candidate.json() == null) {
      rejected.add(new Rejection(candidate.index(), null, candidate.problem()));
      metrics.event("rejected", "unknown", sender.source());
      return;
    }
    Decoded decoded = EventCodec.decode(candidate.json(), now);
    if (decoded instanceof Decoded.Valid v) {
      Event event = v.event();
      valid.add(new Valid(event.id(), event.type().wireName(), EventCodec.encode(event)));
      return;
    }
    Decoded.Invalid invalid = (Decoded.Invalid) decoded;
    rejected.add(
        new Rejection(
            candidate.index(),
            invalid.id(),
            invalid.violations().stream()
                .map(Violation::message)
                .collect(Collectors.joining("; "))));
    String type = candidate.json().path("type").asText("");
    metrics.event("rejected", TYPES.contains(type) ? type : "unknown", sender.source());
  }

  /** Counts events by type with one metric update per type, not per event. */
  private void count(List<String> types, String outcome, SourceToken sender) {
    Map<String, Integer> byType = new HashMap<>();
    types.forEach(type -> byType.merge(type, 1, Integer::sum));
    byType.forEach((type, n) -> metrics.events(outcome, type, sender.source(), n));
  }

  private static Map<String, String> headers(String source, String type, Instant receivedAt) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(LogRecord.SOURCE_HEADER, source);
    headers.put(LogRecord.TYPE_HEADER, type);
    headers.put(LogRecord.CONTENT_TYPE_HEADER, LogRecord.JSON);
    headers.put(RECEIVED_AT_HEADER, receivedAt.toString());
    return headers;
  }

  private boolean appendDurably(List<LogRecord> records) {
    long started = System.nanoTime();
    try {
      eventLog.append(records).get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
      metrics.produced(System.nanoTime() - started);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      log.warn(
          "Kafka did not acknowledge a batch of {} events: {}", records.size(), cause.toString());
    }
    metrics.brokerError();
    return false;
  }

  /** Waits for other requests that were storing some of this request's ids. */
  private boolean othersStored(RecentEventIds.Claims claims) {
    try {
      return claims.inFlight().get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  private void overloaded(Context ctx, String detail) {
    metrics.overloaded();
    ctx.header("Retry-After", "1");
    Problem.send(ctx, 429, "Too Many Requests", detail);
  }

  private static void unavailable(Context ctx, String detail) {
    ctx.header("Retry-After", "5");
    Problem.send(ctx, 503, "Event Log Unavailable", detail);
  }

  /** {@code application/json} of {@code Application/JSON; charset=utf-8}; empty when absent. */
  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
