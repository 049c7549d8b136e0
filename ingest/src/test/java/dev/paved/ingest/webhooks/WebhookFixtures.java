package dev.paved.ingest.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.config.WebhooksConfig;
import dev.paved.ingest.http.WebhookReceiver;
import dev.paved.ingest.http.WebhookReceiver.Received;
import dev.paved.ingest.http.WebhookReceiver.Refused;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tools' published example payloads ({@code src/test/resources/webhooks/<tool>/}, sources in
 * each directory's README), deliveries made from them, and their signatures with the test secrets.
 */
final class WebhookFixtures {
  static final String GITHUB_SECRET = "It's a Secret to Everybody";
  static final String GITLAB_TOKEN = "gitlab-hook-token-of-the-tests";
  static final String PAGERDUTY_SECRET = "pagerduty-signing-secret";
  static final String JIRA_SECRET = "jira-webhook-secret";
  static final String ZENDESK_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";

  /** The settings of the tests: every tool on, one repository and one PagerDuty service mapped. */
  static final Map<String, String> SETTINGS =
      Map.of(
          "PAVED_WEBHOOKS_GITHUB_SECRET",
          GITHUB_SECRET,
          "PAVED_WEBHOOKS_GITLAB_TOKEN",
          GITLAB_TOKEN,
          "PAVED_WEBHOOKS_PAGERDUTY_SECRET",
          PAGERDUTY_SECRET,
          "PAVED_WEBHOOKS_JIRA_SECRET",
          JIRA_SECRET,
          "PAVED_WEBHOOKS_ZENDESK_SECRET",
          ZENDESK_SECRET,
          "PAVED_WEBHOOKS_REPOSITORIES",
          "mike/diaspora=diaspora-web:social",
          "PAVED_WEBHOOKS_PAGERDUTY_SERVICES",
          "PF9KMXH=api:core",
          "PAVED_WEBHOOKS_TICKET_FEATURES",
          "component:databases=databases;tag:secrets=secrets;project:plat=platform");

  static final ObjectMapper JSON = new ObjectMapper();

  private WebhookFixtures() {}

  static WebhooksConfig config() {
    Map<String, String> environment = new LinkedHashMap<>(SETTINGS);
    environment.put("PAVED_INGEST_TOKENS", "local=token-of-the-tests:*");
    return PavedConfig.from(SettingValues.of(environment, Map.of())).ingest().webhooks();
  }

  /** A fresh set of receivers (with an empty push history). */
  static Map<String, WebhookReceiver> receivers() {
    return Webhooks.receivers(config());
  }

  static ObjectNode load(String path) {
    try (InputStream in = WebhookFixtures.class.getResourceAsStream("/webhooks/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(ObjectNode payload) {
    try {
      return JSON.writeValueAsBytes(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String hmacHex(String secret, byte[]... parts) {
    return HexFormat.of().formatHex(new HmacSha256(secret).mac(parts));
  }

  /** The headers GitHub sends with a delivery of {@code event}, signed. */
  static Map<String, String> github(String event, byte[] body) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("X-GitHub-Event", event);
    headers.put("X-Hub-Signature-256", "sha256=" + hmacHex(GITHUB_SECRET, body));
    return headers;
  }

  static Map<String, String> gitlab() {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("X-Gitlab-Token", GITLAB_TOKEN);
    return headers;
  }

  static Map<String, String> pagerDuty(byte[] body) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("X-PagerDuty-Signature", "v1=" + hmacHex(PAGERDUTY_SECRET, body));
    return headers;
  }

  static Map<String, String> jira(byte[] body) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("X-Hub-Signature", "sha256=" + hmacHex(JIRA_SECRET, body));
    return headers;
  }

  static Map<String, String> zendesk(String timestamp, byte[] body) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("X-Zendesk-Webhook-Signature-Timestamp", timestamp);
    headers.put(
        "X-Zendesk-Webhook-Signature",
        Base64.getEncoder()
            .encodeToString(new HmacSha256(ZENDESK_SECRET).mac(timestamp.getBytes(UTF_8), body)));
    return headers;
  }

  static Received receive(WebhookReceiver receiver, Map<String, String> headers, byte[] body)
      throws Refused {
    Map<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseless.putAll(headers);
    return receiver.receive(caseless::get, body);
  }

  /** A PagerDuty V3 incident event from the documented example (see its README). */
  static ObjectNode pagerDuty(String eventType, String eventId, String occurredAt) {
    ObjectNode payload = load("pagerduty/incident.priority_updated.json");
    ObjectNode event = (ObjectNode) payload.get("event");
    event.put("id", eventId);
    event.put("event_type", eventType);
    event.put("occurred_at", occurredAt);
    ((ObjectNode) event.get("data"))
        .put("status", eventType.equals("incident.resolved") ? "resolved" : "triggered");
    return payload;
  }

  /** A GitHub push of {@code shas} (authored at {@code times}) over {@code before} to a branch. */
  static ObjectNode githubPush(String branch, String before, boolean forced, String[][] commits) {
    ObjectNode payload = load("github/push-with-new-branch.payload.json");
    ObjectNode template = (ObjectNode) payload.get("commits").get(0);
    payload.put("ref", "refs/heads/" + branch);
    payload.put("before", before);
    payload.put("created", before.equals("0000000000000000000000000000000000000000"));
    payload.put("forced", forced);
    ArrayNode list = payload.putArray("commits");
    for (String[] commit : commits) {
      ObjectNode copy = template.deepCopy();
      copy.put("id", commit[0]);
      copy.put("timestamp", commit[1]);
      list.add(copy);
    }
    payload.put("after", commits.length == 0 ? before : commits[commits.length - 1][0]);
    payload.set("head_commit", list.isEmpty() ? null : list.get(list.size() - 1).deepCopy());
    return payload;
  }

  /** A 40-hex-digit sha made of one repeated character pair, e.g. {@code sha("a1")}. */
  static String sha(String pair) {
    return pair.repeat(20);
  }
}
