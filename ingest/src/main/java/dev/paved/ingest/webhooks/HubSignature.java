package dev.paved.ingest.webhooks;

import dev.paved.ingest.http.WebhookReceiver.Refused;
import java.util.function.Function;

/**
 * {@code sha256=<hex HMAC-SHA256 of the raw body>} in a header: GitHub's {@code
 * X-Hub-Signature-256} and Jira Cloud's {@code X-Hub-Signature} (WebSub style).
 */
final class HubSignature implements SignatureScheme {
  private static final String PREFIX = "sha256=";

  private final String header;
  private final HmacSha256 hmac;

  HubSignature(String header, String secret) {
    this.header = header;
    this.hmac = new HmacSha256(secret);
  }

  @Override
  public void verify(Function<String, String> headers, byte[] body) throws Refused {
    String presented = headers.apply(header);
    if (presented == null || presented.isBlank()) {
      throw SignatureScheme.missing(header);
    }
    presented = presented.trim();
    if (!presented.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        || !HmacSha256.hexMatches(hmac.mac(body), presented.substring(PREFIX.length()))) {
      throw SignatureScheme.wrong(header);
    }
  }
}
