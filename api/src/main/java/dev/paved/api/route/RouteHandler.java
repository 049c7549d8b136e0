package dev.paved.api.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.freshness.AsOf;
import dev.paved.api.freshness.EventClock;
import dev.paved.api.http.Caching;
import dev.paved.api.http.Csv;
import dev.paved.api.http.Problem;
import dev.paved.api.http.ReadTokens;
import dev.paved.api.http.Representation;
import dev.paved.api.query.Param;
import dev.paved.api.query.Params;
import dev.paved.api.query.QueryParameters;
import dev.paved.api.query.TimeRange;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.QueryException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@link Endpoint}: checks the read token, parses the parameters, reads the data clock,
 * resolves the time range, asks the endpoint for its rows, wraps them in the envelope and writes
 * JSON or CSV with {@code ETag} and {@code Cache-Control}. Whatever goes wrong becomes a
 * problem+json answer: 401, 400 naming the parameters, 503 when ClickHouse does not answer, 500
 * otherwise (logged with its SQL; the answer does not show it).
 */
public final class RouteHandler implements Handler {
  private static final Logger LOG = LoggerFactory.getLogger(RouteHandler.class);

  /** What the framework needs besides the endpoint; one per server. */
  public record Services(
      ClickHouse clickhouse,
      EventClock eventClock,
      ReadTokens tokens,
      Caching caching,
      ObjectMapper json,
      int minCount,
      Clock wallClock) {}

  private final Endpoint endpoint;
  private final Route route;
  private final Services services;

  public RouteHandler(Endpoint endpoint, Services services) {
    this.endpoint = endpoint;
    this.route = endpoint.route();
    this.services = services;
  }

  @Override
  public void handle(Context ctx) {
    try {
      services.tokens().check(ctx.header("Authorization"));
      QueryParameters params = QueryParameters.parse(ctx.queryParamMap(), route.parameters());
      AsOf asOf = services.eventClock().read();
      TimeRange range =
          TimeRange.of(params, asOf.eventTime().orElseGet(services.wallClock()::instant));
      Request request = new Request(route, params, range, asOf);
      Answer answer = endpoint.answer(request);
      List<ObjectNode> rows =
          route.shape() == Shape.METRIC ? metricRows(answer.rows(), request) : answer.rows();
      if (Representation.choose(params.get(Params.FORMAT), ctx.header("Accept"))
          == Representation.CSV) {
        byte[] csv = Csv.write(columns(request), rows).getBytes(StandardCharsets.UTF_8);
        services.caching().send(ctx, Csv.CONTENT_TYPE, csv);
      } else {
        byte[] body = services.json().writeValueAsBytes(envelope(request, answer, rows));
        services.caching().send(ctx, "application/json", body);
      }
    } catch (Problem problem) {
      problem.writeTo(ctx, services.json());
    } catch (QueryException e) {
      if (services.clickhouse().ping()) {
        LOG.error("{} failed", route.fullPath(), e);
        Problem.internal("A query failed; the server's log has the details.")
            .writeTo(ctx, services.json());
      } else {
        LOG.warn("{}: ClickHouse is unreachable: {}", route.fullPath(), e.getMessage());
        Problem.storageUnavailable().writeTo(ctx, services.json());
      }
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.error("{} failed", route.fullPath(), e);
      Problem.internal("The server failed; its log has the details.").writeTo(ctx, services.json());
    }
  }

  private ObjectNode envelope(Request request, Answer answer, List<ObjectNode> rows) {
    ObjectMapper json = services.json();
    ZoneId zone = request.zone();
    ObjectNode envelope = json.createObjectNode();
    envelope.put("metric", route.name());
    if (route.shape() == Shape.METRIC) {
      envelope.put("unit", route.unit());
      envelope.put("granularity", request.granularity().wireName());
    }
    envelope.put("tz", zone.getId());
    envelope.put("from", TimeRange.format(request.range().from(), zone));
    envelope.put("to", TimeRange.format(request.range().to(), zone));
    if (route.groupByParam().isPresent()) {
      envelope.put("group_by", request.groupBy().orElse(null));
    }
    ObjectNode filters = envelope.putObject("filters");
    for (Param<?> param : route.parameters()) {
      if (param.repeatable() && request.given(param)) {
        filters.set(param.name(), json.valueToTree(request.get(param)));
      }
    }
    ObjectNode asOf = envelope.putObject("as_of");
    asOf.put("event_time", utc(request.asOf().eventTime()));
    asOf.put("processed_at", utc(request.asOf().processedAt()));
    ArrayNode array = envelope.putArray("rows");
    rows.forEach(array::add);
    if (route.shape() == Shape.LIST) {
      envelope.put("next_cursor", answer.nextCursor());
    }
    answer.extras().forEach((name, value) -> envelope.set(name, json.valueToTree(value)));
    return envelope;
  }

  private static String utc(Optional<Instant> instant) {
    return instant.map(i -> TimeRange.format(i, ZoneOffset.UTC)).orElse(null);
  }

  /** The CSV columns: the row fields in order (for a metric: period, group, count first). */
  private List<String> columns(Request request) {
    List<String> columns = new ArrayList<>();
    if (route.shape() == Shape.METRIC) {
      columns.add("period");
      request.groupBy().ifPresent(columns::add);
      columns.add("count");
    }
    route.fields().forEach(field -> columns.add(field.name()));
    if (route.shape() == Shape.METRIC) {
      columns.add("low_confidence");
    }
    return columns;
  }

  /**
   * A metric's rows in the contract's form: fields in declared order (missing ones null), {@code
   * low_confidence} when the count is below the minimum, ordered by period, then group (the
   * endpoint's order otherwise kept). A field the route did not declare is a bug of the endpoint.
   */
  private List<ObjectNode> metricRows(List<ObjectNode> rows, Request request) {
    List<String> columns = columns(request);
    columns.remove("low_confidence");
    Set<String> known = new HashSet<>(columns);
    String group = request.groupBy().orElse(null);
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode row : rows) {
      row.fieldNames()
          .forEachRemaining(
              name -> {
                if (!known.contains(name)) {
                  throw new IllegalStateException(
                      route.fullPath() + " returned the undeclared row field " + name);
                }
              });
      if (!row.hasNonNull("period") || !row.path("count").isIntegralNumber()) {
        throw new IllegalStateException(
            route.fullPath() + " returned a row without period or count: " + row);
      }
      ObjectNode shaped = services.json().createObjectNode();
      for (String column : columns) {
        JsonNode value = row.get(column);
        shaped.set(column, value == null ? shaped.nullNode() : value);
      }
      if (row.get("count").asLong() < services.minCount()) {
        shaped.put("low_confidence", true);
      }
      out.add(shaped);
    }
    Comparator<ObjectNode> order = Comparator.comparing(row -> row.get("period").asText());
    if (group != null) {
      order =
          order.thenComparing(
              row -> row.path(group).isNull() ? null : row.path(group).asText(),
              Comparator.nullsLast(Comparator.naturalOrder()));
    }
    out.sort(order);
    return out;
  }
}
