package dev.paved.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;

/**
 * An answer that is not the resource asked for, written as {@code application/problem+json} (RFC
 * 9457). Thrown anywhere while a request is handled; the framework writes it.
 *
 * <p>{@code type} is a URN naming the kind of problem, so clients can branch on it; {@code title}
 * is the same for every problem of that kind, {@code detail} says what went wrong this time.
 */
public final class Problem extends RuntimeException {
  public static final String CONTENT_TYPE = "application/problem+json";

  private final Body body;

  /** The JSON body, field names as RFC 9457 spells them. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Body(
      String type,
      String title,
      int status,
      String detail,
      @JsonProperty("invalid_params") List<InvalidParam> invalidParams) {}

  public Problem(String type, String title, int status, String detail, List<InvalidParam> params) {
    super(status + " " + title + ": " + detail);
    this.body =
        new Body(
            "urn:paved:problem:" + type,
            title,
            status,
            detail,
            params == null || params.isEmpty() ? null : List.copyOf(params));
  }

  /** 400: one or more query parameters are malformed, unknown or not allowed here. */
  public static Problem invalidParams(List<InvalidParam> params) {
    String names = String.join(", ", params.stream().map(InvalidParam::name).distinct().toList());
    return new Problem(
        "invalid-parameters",
        "Invalid query parameters",
        400,
        "Bad query parameter" + (params.size() == 1 ? "" : "s") + ": " + names,
        params);
  }

  public static Problem invalidParam(String name, String reason) {
    return invalidParams(List.of(new InvalidParam(name, reason)));
  }

  /** 401: no read token, or one this server does not know (ingest tokens included). */
  public static Problem unauthorized(String detail) {
    return new Problem("unauthorized", "Read token required", 401, detail, null);
  }

  public static Problem notFound(String path) {
    return new Problem(
        "not-found",
        "No such route",
        404,
        "Nothing is served at " + path + "; GET /api/v1/openapi.json lists every route.",
        null);
  }

  /** 503: ClickHouse does not answer, so there is no answer to give (never an empty 200). */
  public static Problem storageUnavailable() {
    return new Problem(
        "storage-unavailable",
        "ClickHouse is unavailable",
        503,
        "ClickHouse does not answer; retry later. GET /health tells when it is back.",
        null);
  }

  /** 500: a fault of this server; the log has the details, the answer does not. */
  public static Problem internal(String detail) {
    return new Problem("internal", "Internal error", 500, detail, null);
  }

  /** Writes this problem as the answer, never cached; a 401 also says how to authenticate. */
  public void writeTo(Context ctx, ObjectMapper json) {
    ctx.status(status());
    ctx.header("Cache-Control", "no-store");
    if (status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"paved\"");
    }
    try {
      ctx.contentType(CONTENT_TYPE).result(json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem body is plain values", e);
    }
  }

  public int status() {
    return body.status();
  }

  public Body body() {
    return body;
  }
}
