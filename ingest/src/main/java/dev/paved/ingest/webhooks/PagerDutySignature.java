package dev.paved.ingest.webhooks;

import dev.paved.ingest.http.WebhookReceiver.Refused;
import java.util.function.Function;

/**
 * PagerDuty V3's {@code X-PagerDuty-Signature}: {@code v1=<hex HMAC-SHA256 of the body>}, several
 * comma-separated while a subscription's secret is being rotated. Any one matching is enough; every
 * one is compared, so the time taken does not tell which matched.
 */
final class PagerDutySignature implements SignatureScheme {
  static final String HEADER = "X-PagerDuty-Signature";

  private final HmacSha256 hmac;

  PagerDutySignature(String secret) {
    this.hmac = new HmacSha256(secret);
  }

  @Override
  public void verify(Function<String, String> headers, byte[] body) throws Refused {
    String presented = headers.apply(HEADER);
    if (presented == null || presented.isBlank()) {
      throw SignatureScheme.missing(HEADER);
    }
    byte[] expected = hmac.mac(body);
    boolean matched = false;
    for (String signature : presented.split(",")) {
      String trimmed = signature.trim();
      matched |= trimmed.startsWith("v1=") && HmacSha256.hexMatches(expected, trimmed.substring(3));
    }
    if (!matched) {
      throw SignatureScheme.wrong(HEADER);
    }
  }
}
