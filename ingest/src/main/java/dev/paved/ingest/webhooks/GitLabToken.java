package dev.paved.ingest.webhooks;

import dev.paved.ingest.http.WebhookReceiver.Refused;
import java.security.MessageDigest;
import java.util.function.Function;

/**
 * GitLab's {@code X-Gitlab-Token}: the configured secret itself, not a signature of the body (so
 * only TLS protects the body). Compared as SHA-256 digests, in constant time.
 */
final class GitLabToken implements SignatureScheme {
  static final String HEADER = "X-Gitlab-Token";

  private final byte[] expected;

  GitLabToken(String token) {
    this.expected = HmacSha256.digest(token);
  }

  @Override
  public void verify(Function<String, String> headers, byte[] body) throws Refused {
    String presented = headers.apply(HEADER);
    if (presented == null || presented.isEmpty()) {
      throw SignatureScheme.missing(HEADER);
    }
    if (!MessageDigest.isEqual(expected, HmacSha256.digest(presented))) {
      throw SignatureScheme.wrong(HEADER);
    }
  }
}
