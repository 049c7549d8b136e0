package dev.paved.ingest.webhooks;

import dev.paved.ingest.http.WebhookReceiver.Refused;
import java.util.function.Function;

/** How a tool proves that a delivery came from it: checked before anything of the body is read. */
interface SignatureScheme {

  /**
   * Returns when the delivery carries a valid signature of {@code body}.
   *
   * @throws Refused {@code 401} naming the header, when it is missing, malformed or wrong
   */
  void verify(Function<String, String> headers, byte[] body) throws Refused;

  static Refused missing(String header) {
    return new Refused(401, "Unauthorized", "the delivery has no " + header + " header");
  }

  static Refused wrong(String header) {
    return new Refused(
        401,
        "Unauthorized",
        header + " does not match the body and the configured secret; nothing was stored");
  }
}
