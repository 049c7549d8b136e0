package dev.paved.api.route;

/**
 * One route of the read API: a class that says what it is ({@link #route()}) and computes its rows
 * from a validated request ({@link #answer}). The framework does the rest: read-token check,
 * parameter parsing and validation, the envelope with {@code as_of}, ordering, {@code
 * low_confidence}, CSV, {@code ETag}/{@code 304}, problem+json and the OpenAPI document.
 *
 * <p>Dependencies (the ClickHouse connection) come through the constructor; list the endpoint in
 * {@code dev.paved.api.Endpoints} and it is served and documented.
 */
public interface Endpoint {
  Route route();

  /**
   * The rows for {@code request}, whose parameters are already valid. Throw {@link
   * dev.paved.api.http.Problem} for a request that is wrong in a way only the endpoint can see; a
   * {@link dev.paved.clickhouse.QueryException} becomes a 503 when ClickHouse is unreachable.
   */
  Answer answer(Request request);
}
