package dev.paved.ingest.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** An RFC 9457 {@code application/problem+json} answer: what went wrong, in a sender's words. */
public final class Problem {
  private Problem() {}

  public static void send(Context ctx, int status, String title, String detail) {
    send(ctx, status, title, detail, Map.of());
  }

  public static void send(
      Context ctx, int status, String title, String detail, Map<String, Object> extensions) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.putAll(extensions);
    ctx.status(status).json(body).contentType("application/problem+json");
  }
}
