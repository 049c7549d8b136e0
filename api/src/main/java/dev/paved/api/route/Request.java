package dev.paved.api.route;

import dev.paved.api.freshness.AsOf;
import dev.paved.api.query.Granularity;
import dev.paved.api.query.Param;
import dev.paved.api.query.Params;
import dev.paved.api.query.QueryParameters;
import dev.paved.api.query.TimeRange;
import java.time.ZoneId;
import java.util.Optional;

/** A request whose parameters are valid, with its time range resolved and its data clock read. */
public final class Request {
  private final Route route;
  private final QueryParameters parameters;
  private final TimeRange range;
  private final AsOf asOf;

  public Request(Route route, QueryParameters parameters, TimeRange range, AsOf asOf) {
    this.route = route;
    this.parameters = parameters;
    this.range = range;
    this.asOf = asOf;
  }

  /** The value of a parameter the route declared (its fallback when not given). */
  public <T> T get(Param<T> param) {
    if (!route.parameters().contains(param)) {
      throw new IllegalArgumentException(route.path() + " does not declare " + param);
    }
    return parameters.get(param);
  }

  public boolean given(Param<?> param) {
    return parameters.given(param);
  }

  /** {@code [from, to)}, defaults applied (see {@link TimeRange#resolve}). */
  public TimeRange range() {
    return range;
  }

  public ZoneId zone() {
    return parameters.get(Params.TZ);
  }

  public Granularity granularity() {
    return parameters.get(Params.GRANULARITY);
  }

  /** The column to group by ({@code team}, {@code service}), or empty for the organisation. */
  public Optional<String> groupBy() {
    return route.groupByParam().map(parameters::get);
  }

  public int limit() {
    return parameters.get(Params.LIMIT);
  }

  /** The {@code cursor} as given (opaque; the endpoint decodes it), or null for the first page. */
  public String cursor() {
    return parameters.get(Params.CURSOR);
  }

  public AsOf asOf() {
    return asOf;
  }

  public Route route() {
    return route;
  }
}
