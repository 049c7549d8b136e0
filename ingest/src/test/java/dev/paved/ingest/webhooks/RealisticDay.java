package dev.paved.ingest.webhooks;

import static dev.paved.ingest.webhooks.WebhookFixtures.bytes;
import static dev.paved.ingest.webhooks.WebhookFixtures.githubPush;
import static dev.paved.ingest.webhooks.WebhookFixtures.load;
import static dev.paved.ingest.webhooks.WebhookFixtures.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.ingest.http.Ingest;
import dev.paved.ingest.http.Ingest.Response;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A realistic day of one service, {@code hello} of team {@code web}, as the tools' webhooks deliver
 * it (from their published example payloads) and, by hand, as contract events: a commit deployed; a
 * pull request of two commits opened at 11:00, reviewed at 13:00 and squash-merged at 15:00; a
 * failing deploy of the squash commit at 15:30 and a successful one at 16:00 (delivered twice); a
 * PagerDuty incident on the service from 16:30 to 17:10; a Jira ticket.
 */
public final class RealisticDay {
  private static final String M1 = sha("1a");
  private static final String A1 = sha("2a");
  private static final String A2 = sha("2b");
  private static final String S1 = sha("3a");

  /** The same history as contract events, by hand: what the webhooks must store. */
  public static final String CONTRACT_EVENTS =
      String.join(
          "\n",
          "{\"id\":\"github-186853002-commit-"
              + M1
              + "\",\"type\":\"change\","
              + "\"time\":\"2026-11-02T08:00:00Z\",\"team\":\"web\",\"actor\":\"Codertocat\","
              + "\"service\":\"hello\",\"source\":\"github\","
              + "\"attributes\":{\"repository\":\"Codertocat/Hello-World\"},"
              + "\"change_id\":\""
              + M1
              + "\"}",
          "{\"id\":\"github-186853002-deployment-status-1\",\"type\":\"deploy\","
              + "\"time\":\"2026-11-02T09:00:00Z\",\"team\":\"web\",\"actor\":\"Codertocat\","
              + "\"service\":\"hello\",\"source\":\"github\",\"attributes\":{\"repository\":"
              + "\"Codertocat/Hello-World\",\"sha\":\""
              + M1
              + "\"},"
              + "\"deploy_id\":\"github-186853002-deployment-10\",\"environment\":\"production\","
              + "\"status\":\"success\",\"started_at\":\"2026-11-02T08:50:00Z\","
              + "\"change_ids\":[\""
              + M1
              + "\"]}",
          "{\"id\":\"github-186853002-commit-"
              + A1
              + "\",\"type\":\"change\","
              + "\"time\":\"2026-11-02T09:30:00Z\",\"team\":\"web\",\"actor\":\"Codertocat\","
              + "\"service\":\"hello\",\"source\":\"github\","
              + "\"attributes\":{\"repository\":\"Codertocat/Hello-World\"},"
              + "\"change_id\":\""
              + A1
              + "\"}",
          "{\"id\":\"github-186853002-commit-"
              + A2
              + "\",\"type\":\"change\","
              + "\"time\":\"2026-11-02T10:30:00Z\",\"team\":\"web\",\"actor\":\"Codertocat\","
              + "\"service\":\"hello\",\"source\":\"github\","
              + "\"attributes\":{\"repository\":\"Codertocat/Hello-World\"},"
              + "\"change_id\":\""
              + A2
              + "\"}",
          // The pull request's time is its first commit's: coding took 09:30 → 11:00.
          "{\"id\":\"github-186853002-pr-2-opened\",\"type\":\"change\","
              + "\"time\":\"2026-11-02T09:30:00Z\",\"team\":\"web\",\"actor\":\"Codertocat\","
              + "\"service\":\"hello\",\"source\":\"github\","
              + "\"attributes\":{\"repository\":\"Codertocat/Hello-World\"},"
              + "\"change_id\":\"Codertocat/Hello-World#2\","
              + "\"pr_opened_at\":\"2026-11-02T11:00:00Z\","
              + "\"commit_ids\":[\""
              + A2
              + "\",\""
              + A1
              + "\"]}",
          "{\"id\":\"github-186853002-pr-2-first-review\",\"type\":\"change\","
              + "\"time\":\"2026-11-02T09:30:00Z\",\"team\":\"web\",\"actor\":\"Codertocat\","
              + "\"service\":\"hello\",\"source\":\"github\","
              + "\"attributes\":{\"repository\":\"Codertocat/Hello-World\"},"
              + "\"change_id\":\"Codertocat/Hello-World#2\","
              + "\"pr_opened_at\":\"2026-11-02T11:00:00Z\","
              + "\"pr_first_review_at\":\"2026-11-02T13:00:00Z\","
              + "\"commit_ids\":[\""
              + A2
              + "\",\""
              + A1
              + "\"]}",
          "{\"id\":\"github-186853002-pr-2-merged\",\"type\":\"change\","
              + "\"time\":\"2026-11-02T09:30:00Z\",\"team\":\"web\",\"actor\":\"Codertocat\","
              + "\"service\":\"hello\",\"source\":\"github\","
              + "\"attributes\":{\"repository\":\"Codertocat/Hello-World\"},"
              + "\"change_id\":\"Codertocat/Hello-World#2\","
              + "\"pr_opened_at\":\"2026-11-02T11:00:00Z\","
              + "\"pr_merged_at\":\"2026-11-02T15:00:00Z\","
              + "\"commit_ids\":[\""
              + A2
              + "\",\""
              + A1
              + "\",\""
              + S1
              + "\"]}",
          "{\"id\":\"github-186853002-commit-"
              + S1
              + "\",\"type\":\"change\","
              + "\"time\":\"2026-11-02T15:00:00Z\",\"team\":\"web\",\"actor\":\"Codertocat\","
              + "\"service\":\"hello\",\"source\":\"github\","
              + "\"attributes\":{\"repository\":\"Codertocat/Hello-World\"},"
              + "\"change_id\":\""
              + S1
              + "\"}",
          // The squash commit ships the pull request, in the failed deploy and the successful one.
          "{\"id\":\"github-186853002-deployment-status-2\",\"type\":\"deploy\","
              + "\"time\":\"2026-11-02T15:30:00Z\",\"team\":\"web\",\"actor\":\"Codertocat\","
              + "\"service\":\"hello\",\"source\":\"github\",\"attributes\":{\"repository\":"
              + "\"Codertocat/Hello-World\",\"sha\":\""
              + S1
              + "\"},"
              + "\"deploy_id\":\"github-186853002-deployment-20\",\"environment\":\"production\","
              + "\"status\":\"failure\",\"started_at\":\"2026-11-02T15:20:00Z\","
              + "\"change_ids\":[\"Codertocat/Hello-World#2\"]}",
          "{\"id\":\"github-186853002-deployment-status-3\",\"type\":\"deploy\","
              + "\"time\":\"2026-11-02T16:00:00Z\",\"team\":\"web\",\"actor\":\"Codertocat\","
              + "\"service\":\"hello\",\"source\":\"github\",\"attributes\":{\"repository\":"
              + "\"Codertocat/Hello-World\",\"sha\":\""
              + S1
              + "\"},"
              + "\"deploy_id\":\"github-186853002-deployment-30\",\"environment\":\"production\","
              + "\"status\":\"success\",\"started_at\":\"2026-11-02T15:50:00Z\","
              + "\"change_ids\":[\"Codertocat/Hello-World#2\"]}",
          "{\"id\":\"pagerduty-PGR0VU2-triggered-1793637000000\",\"type\":\"incident\","
              + "\"time\":\"2026-11-02T16:30:00Z\",\"team\":\"web\",\"actor\":\"PLH1HKV\","
              + "\"service\":\"hello\",\"source\":\"pagerduty\","
              + "\"attributes\":{\"incident_number\":\"2\"},"
              + "\"incident_id\":\"PGR0VU2\",\"action\":\"opened\",\"severity\":\"P1\"}",
          "{\"id\":\"pagerduty-PGR0VU2-resolved-1793639400000\",\"type\":\"incident\","
              + "\"time\":\"2026-11-02T17:10:00Z\",\"team\":\"web\",\"actor\":\"PLH1HKV\","
              + "\"service\":\"hello\",\"source\":\"pagerduty\","
              + "\"attributes\":{\"incident_number\":\"2\"},"
              + "\"incident_id\":\"PGR0VU2\",\"action\":\"resolved\",\"severity\":\"P1\"}",
          "{\"id\":\"jira-10002-opened-1795770000000\",\"type\":\"ticket\","
              + "\"time\":\"2026-11-27T09:00:00Z\",\"actor\":\"5b10a2844c20165700ede21g\","
              + "\"source\":\"jira\",\"attributes\":{\"issue_key\":\"PLAT-17\"},"
              + "\"ticket_id\":\"PLAT-17\",\"action\":\"opened\",\"feature\":\"databases\","
              + "\"priority\":\"High\",\"kind\":\"request\"}");

  private RealisticDay() {}

  /** The webhook settings: the repository and the PagerDuty service are both {@code hello}. */
  public static Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>(WebhookFixtures.SETTINGS);
    settings.put("PAVED_WEBHOOKS_REPOSITORIES", "Codertocat/Hello-World=hello:web");
    settings.put("PAVED_WEBHOOKS_PAGERDUTY_SERVICES", "PF9KMXH=hello:web");
    return settings;
  }

  /** Delivers the day through the webhook endpoints of {@code ingest}, each answered 200. */
  public static void deliver(Ingest ingest) {
    String none = sha("00");
    github(
        ingest,
        "push",
        githubPush("master", none, false, new String[][] {{M1, "2026-11-02T08:00:00Z"}}));
    github(ingest, "deployment_status", deployment(M1, "success", 1, "2026-11-02T09:00:00Z"));
    github(
        ingest,
        "push",
        githubPush(
            "changes",
            M1,
            false,
            new String[][] {{A1, "2026-11-02T09:30:00Z"}, {A2, "2026-11-02T10:30:00Z"}}));
    github(ingest, "pull_request", pullRequest("pull_request-opened.payload.json", null));
    ObjectNode review = load("github/pull_request_review-submitted.payload.json");
    ((ObjectNode) review.get("review").get("user")).put("id", 9919);
    ((ObjectNode) review.get("review")).put("submitted_at", "2026-11-02T13:00:00Z");
    pullRequestFields((ObjectNode) review.get("pull_request"));
    github(ingest, "pull_request_review", review);
    github(ingest, "pull_request", pullRequest("pull_request-closed.payload.json", S1));
    github(
        ingest,
        "push",
        githubPush("master", M1, false, new String[][] {{S1, "2026-11-02T15:00:00Z"}}));
    github(ingest, "deployment_status", deployment(S1, "failure", 2, "2026-11-02T15:30:00Z"));
    github(ingest, "deployment_status", deployment(S1, "success", 3, "2026-11-02T16:00:00Z"));
    // A redelivery on the way changes nothing.
    github(ingest, "deployment_status", deployment(S1, "success", 3, "2026-11-02T16:00:00Z"));
    pagerDuty(ingest, "incident.triggered", "2026-11-02T16:30:00Z");
    pagerDuty(ingest, "incident.resolved", "2026-11-02T17:10:00Z");
    byte[] issue = bytes(load("jira/issue_created.json"));
    assertEquals(200, ingest.postWebhook("jira", issue, WebhookFixtures.jira(issue)).status());
  }

  private static void github(Ingest ingest, String event, ObjectNode payload) {
    byte[] body = bytes(payload);
    Response response = ingest.postWebhook("github", body, WebhookFixtures.github(event, body));
    assertEquals(200, response.status(), response.toString());
  }

  private static void pagerDuty(Ingest ingest, String type, String at) {
    byte[] body = bytes(WebhookFixtures.pagerDuty(type, type + at, at));
    Response response = ingest.postWebhook("pagerduty", body, WebhookFixtures.pagerDuty(body));
    assertEquals(200, response.status(), response.toString());
  }

  private static ObjectNode deployment(String sha, String state, long id, String finished) {
    ObjectNode payload = load("github/deployment_status-payload.json");
    // Each deployment took ten minutes.
    ((ObjectNode) payload.get("deployment"))
        .put("sha", sha)
        .put("id", id * 10)
        .put("created_at", Instant.parse(finished).minusSeconds(600).toString());
    ((ObjectNode) payload.get("deployment_status"))
        .put("state", state)
        .put("id", id)
        .put("created_at", finished);
    return payload;
  }

  private static void pullRequestFields(ObjectNode pr) {
    pr.put("created_at", "2026-11-02T11:00:00Z");
    ((ObjectNode) pr.get("head")).put("sha", A2);
  }

  private static ObjectNode pullRequest(String fixture, String mergeSha) {
    ObjectNode payload = load("github/" + fixture);
    ObjectNode pr = (ObjectNode) payload.get("pull_request");
    pullRequestFields(pr);
    if (mergeSha != null) {
      pr.put("merged", true)
          .put("merged_at", "2026-11-02T15:00:00Z")
          .put("merge_commit_sha", mergeSha);
    }
    return payload;
  }
}
