package dev.paved.ingest.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/** What ingest exposes on {@code GET /metrics}, in Prometheus text format. */
public final class IngestMetrics {
  private static final double[] SECONDS =
      new double[] {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};

  private final PrometheusRegistry registry = new PrometheusRegistry();

  private final Counter events =
      Counter.builder()
          .name("paved_ingest_events")
          .help(
              "Events by outcome (accepted, duplicate, rejected, forbidden), event type and"
                  + " source")
          .labelNames("outcome", "type", "source")
          .register(registry);
  private final Counter requests =
      Counter.builder()
          .name("paved_ingest_requests")
          .help("Requests to POST /v1/events by HTTP status")
          .labelNames("status")
          .register(registry);
  private final Histogram requestSeconds =
      Histogram.builder()
          .name("paved_ingest_request_duration_seconds")
          .help("Time to answer POST /v1/events, including the wait for Kafka")
          .classicOnly()
          .classicUpperBounds(SECONDS)
          .register(registry);
  private final Histogram produceSeconds =
      Histogram.builder()
          .name("paved_ingest_produce_duration_seconds")
          .help("Time from handing a batch to Kafka until every event of it was acknowledged")
          .classicOnly()
          .classicUpperBounds(SECONDS)
          .register(registry);
  private final Counter brokerErrors =
      Counter.builder()
          .name("paved_ingest_broker_errors")
          .help("Batches Kafka did not acknowledge in time (answered 503)")
          .register(registry);
  private final Counter overloads =
      Counter.builder()
          .name("paved_ingest_overloaded_requests")
          .help("Requests refused with 429 because ingest held as much work as it may")
          .register(registry);

  void event(String outcome, String type, String source) {
    events.labelValues(outcome, type, source).inc();
  }

  void events(String outcome, String type, String source, long count) {
    events.labelValues(outcome, type, source).inc(count);
  }

  void request(int status, long nanos) {
    requests.labelValues(Integer.toString(status)).inc();
    requestSeconds.observe(nanos / 1e9);
  }

  void produced(long nanos) {
    produceSeconds.observe(nanos / 1e9);
  }

  void brokerError() {
    brokerErrors.inc();
  }

  void overloaded() {
    overloads.inc();
  }

  void watchInFlight(IntSupplier requestsInFlight, LongSupplier bytesInFlight) {
    GaugeWithCallback.builder()
        .name("paved_ingest_in_flight_requests")
        .help("Requests to POST /v1/events being processed now")
        .callback(callback -> callback.call(requestsInFlight.getAsInt()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("paved_ingest_in_flight_body_bytes")
        .help("Request body bytes (decompressed) held by requests being processed now")
        .callback(callback -> callback.call(bytesInFlight.getAsLong()))
        .register(registry);
  }

  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
