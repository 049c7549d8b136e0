package dev.paved.ingest.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.paved.ingest.http.WebhookReceiver.Refused;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Function;

/**
 * Zendesk's {@code X-Zendesk-Webhook-Signature}: base64 of HMAC-SHA256 over {@code
 * X-Zendesk-Webhook-Signature-Timestamp} followed by the raw body.
 */
final class ZendeskSignature implements SignatureScheme {
  static final String HEADER = "X-Zendesk-Webhook-Signature";
  static final String TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp";

  private final HmacSha256 hmac;

  ZendeskSignature(String secret) {
    this.hmac = new HmacSha256(secret);
  }

  @Override
  public void verify(Function<String, String> headers, byte[] body) throws Refused {
    String presented = headers.apply(HEADER);
    if (presented == null || presented.isBlank()) {
      throw SignatureScheme.missing(HEADER);
    }
    String timestamp = headers.apply(TIMESTAMP_HEADER);
    if (timestamp == null || timestamp.isBlank()) {
      throw SignatureScheme.missing(TIMESTAMP_HEADER);
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(presented.trim());
    } catch (IllegalArgumentException e) {
      throw SignatureScheme.wrong(HEADER);
    }
    if (!MessageDigest.isEqual(hmac.mac(timestamp.trim().getBytes(UTF_8), body), decoded)) {
      throw SignatureScheme.wrong(HEADER);
    }
  }
}
