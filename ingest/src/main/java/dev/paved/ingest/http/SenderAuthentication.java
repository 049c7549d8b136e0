package dev.paved.ingest.http;

import dev.paved.config.IngestConfig.SourceToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Finds the source a bearer token belongs to. The presented token and every configured one are
 * compared as SHA-256 digests, all of them, in constant time, whatever matched earlier: neither the
 * contents nor the length of a guess shows in the response time. Tokens are never logged.
 */
public final class SenderAuthentication {
  private final List<SourceToken> tokens;
  private final List<byte[]> tokenDigests;

  public SenderAuthentication(List<SourceToken> tokens) {
    this.tokens = List.copyOf(tokens);
    this.tokenDigests = tokens.stream().map(t -> digest(t.token())).toList();
  }

  /** The source of {@code Authorization: Bearer <token>}, or empty when it matches none. */
  public Optional<SourceToken> authenticate(String authorizationHeader) {
    if (authorizationHeader == null
        || authorizationHeader.length() < 7
        || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    byte[] presented = digest(authorizationHeader.substring(7).trim());
    SourceToken match = null;
    for (int i = 0; i < tokens.size(); i++) {
      if (MessageDigest.isEqual(presented, tokenDigests.get(i)) & match == null) {
        match = tokens.get(i);
      }
    }
    return Optional.ofNullable(match);
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
