package dev.paved.ingest;

import dev.paved.config.IngestConfig;
import dev.paved.ingest.dedupe.RecentEventIds;
import dev.paved.ingest.http.EventsEndpoint;
import dev.paved.ingest.http.IngestMetrics;
import dev.paved.ingest.log.EventLog;
import dev.paved.model.EventCodec;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The front door: {@code POST /v1/events} into the event log, {@code GET /health} (the process is
 * alive), {@code GET /ready} (Kafka reachable and the topic writable) and {@code GET /metrics}.
 * Stateless apart from the dedupe window, so several copies can run behind a load balancer.
 */
public final class IngestServer {
  private final IngestConfig config;
  private final EventLog eventLog;
  private final Predicate<Duration> topicWritable;
  private final Clock clock;
  private final IngestMetrics metrics = new IngestMetrics();

  public IngestServer(
      IngestConfig config, EventLog eventLog, Predicate<Duration> topicWritable, Clock clock) {
    this.config = config;
    this.eventLog = eventLog;
    this.topicWritable = topicWritable;
    this.clock = clock;
  }

  public Javalin create() {
    EventsEndpoint events =
        new EventsEndpoint(
            config,
            new RecentEventIds(config.dedupeWindow(), config.dedupeMaxIds()),
            eventLog,
            metrics,
            clock);
    return Javalin.create(
        app -> {
          app.jsonMapper(new JavalinJackson(EventCodec.mapper(), false));
          app.startup.showJavalinBanner = false;
          app.routes.post("/v1/events", events::handle);
          app.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
          app.routes.get("/ready", this::ready);
          app.routes.get(
              "/metrics",
              ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
        });
  }

  private void ready(io.javalin.http.Context ctx) {
    boolean writable = topicWritable.test(Duration.ofSeconds(2));
    ctx.status(writable ? 200 : 503)
        .json(Map.of("status", writable ? "ready" : "unavailable", "event_log", writable));
  }
}
