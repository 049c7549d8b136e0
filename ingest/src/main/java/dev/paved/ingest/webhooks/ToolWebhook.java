package dev.paved.ingest.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.ingest.http.WebhookReceiver;
import java.io.IOException;
import java.util.function.Function;

/** A tool's webhook: its signature scheme first, then JSON, then its own translation. */
abstract class ToolWebhook implements WebhookReceiver {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String tool;
  private final SignatureScheme signature;

  ToolWebhook(String tool, SignatureScheme signature) {
    this.tool = tool;
    this.signature = signature;
  }

  @Override
  public final String tool() {
    return tool;
  }

  @Override
  public final Received receive(Function<String, String> headers, byte[] body) throws Refused {
    signature.verify(headers, body);
    JsonNode payload;
    try {
      payload = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Refused(
          400,
          "Malformed JSON",
          "the "
              + tool
              + " payload is not JSON: "
              + (e.getLocation() == null
                  ? e.getOriginalMessage()
                  : "line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ": "
                      + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new Refused(400, "Malformed JSON", "the payload could not be read: " + e.getMessage());
    }
    if (payload == null || !payload.isObject()) {
      throw new Refused(400, "Unexpected Payload", "the " + tool + " payload is not an object");
    }
    return translate(headers, new Payload(payload));
  }

  /** The events of a verified delivery. */
  abstract Received translate(Function<String, String> headers, Payload payload) throws Refused;
}
