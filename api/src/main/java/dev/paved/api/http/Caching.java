package dev.paved.api.http;

import io.javalin.http.Context;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Sends a successful answer with {@code ETag} (a hash of the exact body bytes, so JSON and CSV of
 * the same rows differ) and {@code Cache-Control}, and answers {@code 304 Not Modified} without a
 * body when the client's {@code If-None-Match} names that tag.
 *
 * <p>The answer is computed before the tag is known: 304 saves the transfer, not the query. Answers
 * depend on the token and on {@code Accept}, hence {@code private} and {@code Vary}.
 */
public final class Caching {
  private final String cacheControl;

  public Caching(int maxAgeSeconds) {
    this.cacheControl = "private, max-age=" + maxAgeSeconds;
  }

  public void send(Context ctx, String contentType, byte[] body) {
    String etag = etag(body);
    ctx.header("ETag", etag);
    ctx.header("Cache-Control", cacheControl);
    ctx.header("Vary", "Accept, Authorization");
    if (matches(ctx.header("If-None-Match"), etag)) {
      ctx.status(304);
      return;
    }
    ctx.status(200).contentType(contentType).result(body);
  }

  /** A strong tag: the first 128 bits of the body's SHA-256, base64url. */
  public static String etag(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return '"'
          + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22)
          + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * RFC 9110's weak comparison, as {@code If-None-Match} requires: {@code *}, or any listed tag
   * equal to ours once a {@code W/} prefix is set aside.
   */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
