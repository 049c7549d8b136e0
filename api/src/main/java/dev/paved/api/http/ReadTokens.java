package dev.paved.api.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Checks {@code Authorization: Bearer <token>} against the configured read tokens. Ingest tokens
 * are other settings and never land here, so they cannot read.
 *
 * <p>The comparison takes the same time whichever token matches and however much of a wrong token
 * is right: both sides are hashed to 32 bytes and compared with {@link MessageDigest#isEqual}, and
 * every configured token is compared.
 */
public final class ReadTokens {
  private static final String SCHEME = "bearer ";

  private final List<byte[]> digests;

  public ReadTokens(List<String> tokens) {
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("at least one read token is needed");
    }
    this.digests = tokens.stream().map(ReadTokens::digest).toList();
  }

  /** Returns normally for a known token; else throws a 401 {@link Problem}. */
  public void check(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw Problem.unauthorized("Send a read token: Authorization: Bearer <token>.");
    }
    if (authorization.length() <= SCHEME.length()
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw Problem.unauthorized("The Authorization header must be: Bearer <read token>.");
    }
    byte[] given = digest(authorization.substring(SCHEME.length()).strip());
    boolean known = false;
    for (byte[] digest : digests) {
      known |= MessageDigest.isEqual(digest, given);
    }
    if (!known) {
      throw Problem.unauthorized(
          "This token may not read: it is not one of the read tokens (ingest tokens cannot"
              + " read).");
    }
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
