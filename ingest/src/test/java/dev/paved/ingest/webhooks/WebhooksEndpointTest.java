package dev.paved.ingest.webhooks;

import static dev.paved.ingest.webhooks.WebhookFixtures.bytes;
import static dev.paved.ingest.webhooks.WebhookFixtures.githubPush;
import static dev.paved.ingest.webhooks.WebhookFixtures.load;
import static dev.paved.ingest.webhooks.WebhookFixtures.sha;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.ingest.http.Ingest;
import dev.paved.ingest.http.Ingest.Response;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /v1/webhooks/{tool}} over real HTTP against a real broker: signed deliveries are
 * stored as contract events with the tool as source, redeliveries are duplicates, and every bad
 * signature or payload gets its own status with nothing stored.
 */
class WebhooksEndpointTest {
  private static final String TOPIC = "webhooks-http";

  @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

  private static Ingest ingest;

  @BeforeAll
  static void start() {
    ingest = Ingest.start(kafka, TOPIC, WebhookFixtures.SETTINGS, Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    if (ingest != null) {
      ingest.close();
    }
  }

  private static Response github(String event, ObjectNode payload) {
    byte[] body = bytes(payload);
    return ingest.postWebhook("github", body, WebhookFixtures.github(event, body));
  }

  private static List<ConsumerRecord<String, byte[]>> stored(String prefix) {
    return Ingest.stored(kafka, TOPIC, prefix);
  }

  @Test
  void aSignedPushIsStoredOnceAndItsRedeliveryIsADuplicate() throws Exception {
    ObjectNode push =
        githubPush(
            "master",
            sha("00"),
            false,
            new String[][] {
              {sha("e1"), "2026-11-01T09:00:00Z"}, {sha("e2"), "2026-11-01T10:00:00Z"}
            });
    Response first = github("push", push);
    assertEquals(200, first.status(), first.toString());
    assertEquals(2, first.json().get("accepted").asInt());
    assertEquals(0, first.json().get("duplicates").asInt());
    assertEquals(0, first.json().get("notes").size());

    Response again = github("push", push);
    assertEquals(200, again.status(), again.toString());
    assertEquals(0, again.json().get("accepted").asInt());
    assertEquals(2, again.json().get("duplicates").asInt());

    List<ConsumerRecord<String, byte[]>> records = stored("github-186853002-commit-e1e1");
    assertEquals(1, records.size());
    Map<String, String> headers = Ingest.headers(records.get(0));
    assertEquals("github", headers.get("source"));
    assertEquals("change", headers.get("type"));
    JsonNode event = WebhookFixtures.JSON.readTree(new String(records.get(0).value(), UTF_8));
    assertEquals(sha("e1"), event.get("change_id").asText());
    assertEquals("hello-world", event.get("service").asText());
    assertEquals("2026-11-01T09:00:00Z", event.get("time").asText());
    assertEquals("github", event.get("source").asText());
  }

  @Test
  void badMissingAndReplayedSignaturesAre401AndStoreNothing() {
    ObjectNode push =
        githubPush(
            "master", sha("00"), false, new String[][] {{sha("f7"), "2026-11-01T09:00:00Z"}});
    byte[] body = bytes(push);

    Map<String, String> missing = Map.of("X-GitHub-Event", "push");
    Response unsigned = ingest.postWebhook("github", body, missing);
    assertEquals(401, unsigned.status(), unsigned.toString());
    assertTrue(unsigned.header("Content-Type").startsWith("application/problem+json"));
    assertEquals(
        "the delivery has no X-Hub-Signature-256 header", unsigned.json().get("detail").asText());

    Map<String, String> wrong = new HashMap<>(WebhookFixtures.github("push", body));
    wrong.put("X-Hub-Signature-256", "sha256=" + WebhookFixtures.hmacHex("guess", body));
    assertEquals(401, ingest.postWebhook("github", body, wrong).status());

    byte[] other = bytes(load("github/push-with-new-branch.payload.json"));
    Response replayed = ingest.postWebhook("github", body, WebhookFixtures.github("push", other));
    assertEquals(401, replayed.status());

    Response gitlab = ingest.postWebhook("gitlab", body, Map.of("X-Gitlab-Token", "wrong-token"));
    assertEquals(401, gitlab.status());
    Response pagerduty = ingest.postWebhook("pagerduty", body, Map.of());
    assertEquals(401, pagerduty.status());

    assertEquals(List.of(), stored("github-186853002-commit-f7f7"));
    assertEquals(200, ingest.get("/health").status());
  }

  @Test
  void everyBadPayloadGetsItsOwnStatus() {
    byte[] malformed = "{\"ref\": ".getBytes(UTF_8);
    Response notJson =
        ingest.postWebhook("github", malformed, WebhookFixtures.github("push", malformed));
    assertEquals(400, notJson.status());
    assertEquals("Malformed JSON", notJson.json().get("title").asText());

    ObjectNode noRepository = load("github/push-with-new-branch.payload.json");
    noRepository.remove("repository");
    Response unexpected = github("push", noRepository);
    assertEquals(400, unexpected.status(), unexpected.toString());
    assertEquals("Unexpected Payload", unexpected.json().get("title").asText());
    assertEquals("repository.full_name is missing", unexpected.json().get("detail").asText());

    // A translated event the contract rejects: an incident more than an hour in the future.
    byte[] future =
        bytes(WebhookFixtures.pagerDuty("incident.triggered", "future", "2099-01-01T00:00:00Z"));
    Response rejected = ingest.postWebhook("pagerduty", future, WebhookFixtures.pagerDuty(future));
    assertEquals(400, rejected.status(), rejected.toString());
    assertEquals("No Valid Events", rejected.json().get("title").asText());
    assertTrue(
        rejected.json().get("rejected").get(0).get("reason").asText().contains("time"),
        rejected.toString());

    Response unknown = ingest.postWebhook("bitbucket", malformed, Map.of());
    assertEquals(404, unknown.status());
    assertEquals(
        "tool: one of github, gitlab, pagerduty, jira, zendesk",
        unknown.json().get("detail").asText());
    assertEquals(200, ingest.get("/health").status());
  }

  @Test
  void aDeployOfAnUnknownShaIsStoredWithANote() {
    Response response = github("deployment_status", load("github/deployment_status-payload.json"));
    assertEquals(200, response.status(), response.toString());
    assertEquals(1, response.json().get("accepted").asInt());
    assertTrue(response.json().get("notes").get(0).asText().contains("was never pushed"));
    assertEquals(1, stored("github-186853002-deployment-status-209916254").size());
  }

  @Test
  void aToolWithoutASecretHasNoEndpoint() {
    Map<String, String> onlyGitHub = Map.of("PAVED_WEBHOOKS_GITHUB_SECRET", "only-github-secret");
    assertEquals(
        List.of("github"),
        Webhooks.configured(
            PavedConfig.from(
                    SettingValues.of(
                        Map.of(
                            "PAVED_WEBHOOKS_GITHUB_SECRET",
                            "only-github-secret",
                            "PAVED_INGEST_TOKENS",
                            "local=token-of-the-tests:*"),
                        Map.of()))
                .ingest()
                .webhooks()));
    try (Ingest githubOnly = Ingest.start(kafka, TOPIC, onlyGitHub, Duration.ofSeconds(10))) {
      byte[] body = bytes(load("gitlab/push.json"));
      Response gitlab = githubOnly.postWebhook("gitlab", body, WebhookFixtures.gitlab());
      assertEquals(404, gitlab.status(), gitlab.toString());
      assertEquals("Webhook Not Configured", gitlab.json().get("title").asText());
    }
  }

  @Test
  void unusedDeliveriesAre200WithANoteSoTheToolDoesNotRetry() {
    Response ping = github("ping", load("github/ping-payload.json"));
    assertEquals(200, ping.status(), ping.toString());
    assertEquals(0, ping.json().get("accepted").asInt());
    assertEquals("ping: the webhook reaches Paved", ping.json().get("notes").get(0).asText());
  }

  @Test
  void eachToolStoresItsEventsWithItsSource() {
    byte[] incident =
        bytes(WebhookFixtures.pagerDuty("incident.triggered", "x1", "2026-11-20T10:00:00.000Z"));
    assertEquals(
        200,
        ingest.postWebhook("pagerduty", incident, WebhookFixtures.pagerDuty(incident)).status());
    byte[] issue = bytes(load("jira/issue_created.json"));
    assertEquals(200, ingest.postWebhook("jira", issue, WebhookFixtures.jira(issue)).status());
    byte[] ticket = bytes(load("zendesk/ticket_created.json"));
    assertEquals(
        200,
        ingest
            .postWebhook("zendesk", ticket, WebhookFixtures.zendesk("2026-11-27T09:30:01Z", ticket))
            .status());
    byte[] push = bytes(load("gitlab/push.json"));
    assertEquals(200, ingest.postWebhook("gitlab", push, WebhookFixtures.gitlab()).status());

    assertEquals("pagerduty", Ingest.headers(stored("pagerduty-PGR0VU2").get(0)).get("source"));
    assertEquals("jira", Ingest.headers(stored("jira-10002").get(0)).get("source"));
    assertEquals("zendesk", Ingest.headers(stored("zendesk-35436").get(0)).get("source"));
    assertEquals(2, stored("gitlab-15-commit").size());
  }
}
