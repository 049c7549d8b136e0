package dev.paved.ingest;

import dev.paved.config.IngestConfig;
import dev.paved.ingest.dedupe.RecentEventIds;
import dev.paved.ingest.http.EventsEndpoint;
import dev.paved.ingest.http.IngestMetrics;
import dev.paved.ingest.http.Problem;
import dev.paved.ingest.http.WebhookReceiver;
import dev.paved.ingest.log.EventLog;
import dev.paved.ingest.webhooks.Webhooks;
import dev.paved.model.EventCodec;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The front door: {@code POST /v1/events} into the event log, {@code GET /health} (the process is
 * alive), {@code GET /ready} (Kafka reachable and the topic writable) and {@code GET /metrics}.
 * Stateless apart from the dedupe window, so several copies can run behind a load balancer.
 */
public final class IngestServer {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(2);

  private final IngestConfig config;
  private final EventLog eventLog;
  private final Predicate<Duration> topicWritable;
  private final Clock clock;

  /**
   * @param topicWritable answers, within the given time, whether an append could succeed now (e.g.
   *     {@code EventTopic::writable}); backs {@code GET /ready}
   */
  public IngestServer(
      IngestConfig config, EventLog eventLog, Predicate<Duration> topicWritable, Clock clock) {
    this.config = config;
    this.eventLog = eventLog;
    this.topicWritable = topicWritable;
    this.clock = clock;
  }

  /** A new, not yet started server: {@code create().start(port)}. */
  public Javalin create() {
    IngestMetrics metrics = new IngestMetrics();
    EventsEndpoint events =
        new EventsEndpoint(
            config,
            new RecentEventIds(config.dedupeWindow(), config.dedupeMaxIds()),
            eventLog,
            metrics,
            clock);
    Map<String, WebhookReceiver> webhooks = Webhooks.receivers(config.webhooks());
    return Javalin.create(
        app -> {
          app.jsonMapper(new JavalinJackson(EventCodec.mapper(), false));
          app.startup.showJavalinBanner = false;
          // A request waits for Kafka on its thread: enough threads for every request ingest
          // admits, and some for health checks, metrics and 429 answers beyond them.
          QueuedThreadPool threads =
              new QueuedThreadPool(Math.max(250, config.maxInFlightRequests() + 50), 8, 60_000);
          threads.setName("ingest-http");
          app.jetty.threadPool = threads;
          app.routes.post("/v1/events", events::handle);
          app.routes.post(
              "/v1/webhooks/{tool}",
              ctx -> {
                WebhookReceiver receiver = webhooks.get(ctx.pathParam("tool"));
                if (receiver != null) {
                  events.handleWebhook(ctx, receiver);
                } else {
                  Problem.send(
                      ctx,
                      404,
                      "Webhook Not Configured",
                      Webhooks.TOOLS.contains(ctx.pathParam("tool"))
                          ? "set the secret of webhooks from "
                              + ctx.pathParam("tool")
                              + " (docs/webhooks.md) to receive them"
                          : "tool: one of " + String.join(", ", Webhooks.TOOLS));
                }
              });
          app.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
          app.routes.get("/ready", this::ready);
          app.routes.get(
              "/metrics",
              ctx ->
                  ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                      .result(metrics.scrape()));
        });
  }

  private void ready(Context ctx) {
    boolean writable = topicWritable.test(READY_TIMEOUT);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", writable ? "ready" : "unavailable");
    body.put("event_log", writable ? "writable" : "not writable: Kafka unreachable or no leader");
    body.put("topic", eventLog.topic());
    if (!writable) {
      ctx.header("Retry-After", "5");
    }
    ctx.status(writable ? 200 : 503).json(body);
  }
}
