package dev.paved.ingest.http;

import dev.paved.config.IngestConfig.SourceToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Finds the source a bearer token belongs to. Every configured token is compared, in constant time,
 * whatever matched earlier, so response timing tells an attacker nothing about how close a guess
 * was. Tokens are never logged.
 */
public final class SenderAuthentication {
  private final List<SourceToken> tokens;
  private final List<byte[]> tokenBytes;

  public SenderAuthentication(List<SourceToken> tokens) {
    this.tokens = List.copyOf(tokens);
    this.tokenBytes = tokens.stream().map(t -> t.token().getBytes(StandardCharsets.UTF_8)).toList();
  }

  /** The source of {@code Authorization: Bearer <token>}, or empty when it matches none. */
  public Optional<SourceToken> authenticate(String authorizationHeader) {
    if (authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    byte[] presented = authorizationHeader.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    SourceToken match = null;
    for (int i = 0; i < tokens.size(); i++) {
      if (MessageDigest.isEqual(presented, tokenBytes.get(i)) && match == null) {
        match = tokens.get(i);
      }
    }
    return Optional.ofNullable(match);
  }
}
