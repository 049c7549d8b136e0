package dev.paved.ingest.webhooks;

import static dev.paved.ingest.webhooks.WebhookFixtures.bytes;
import static dev.paved.ingest.webhooks.WebhookFixtures.githubPush;
import static dev.paved.ingest.webhooks.WebhookFixtures.load;
import static dev.paved.ingest.webhooks.WebhookFixtures.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.ingest.http.WebhookReceiver;
import dev.paved.ingest.http.WebhookReceiver.Received;
import dev.paved.ingest.http.WebhookReceiver.Refused;
import dev.paved.model.Change;
import dev.paved.model.Deploy;
import dev.paved.model.Event;
import dev.paved.model.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GitHub deliveries, from octokit's published example payloads, translated into contract events:
 * every mapping, a squash merge, a merge commit, a forced push, redelivery, out-of-order arrival
 * and a deploy of a sha never pushed.
 */
class GitHubWebhookTest {
  private static final String ROOT = sha("0a");
  private static final String NO_COMMIT = sha("00");
  private static final String PR = "Codertocat/Hello-World#2";

  private final WebhookReceiver github = WebhookFixtures.receivers().get("github");

  private Received deliver(String event, ObjectNode payload) throws Refused {
    byte[] body = bytes(payload);
    return WebhookFixtures.receive(github, WebhookFixtures.github(event, body), body);
  }

  private Event only(Received received) {
    assertEquals(1, received.events().size(), received.toString());
    return received.events().get(0);
  }

  private static Change change(Event event) {
    return (Change) event.body();
  }

  private static Deploy deploy(Event event) {
    return (Deploy) event.body();
  }

  @Test
  void aPushMakesAChangePerCommitWithItsAuthorAndTime() throws Refused {
    Event commit = only(deliver("push", load("github/push-with-new-branch.payload.json")));

    assertEquals("github-186853002-commit-6113728f27ae82c7b1a177c8d03f9e96e0adf246", commit.id());
    assertEquals(EventType.CHANGE, commit.type());
    assertEquals("6113728f27ae82c7b1a177c8d03f9e96e0adf246", change(commit).changeId());
    assertEquals(Instant.parse("2019-05-15T15:19:25Z"), commit.time());
    assertEquals("Codertocat", commit.actor());
    assertEquals("hello-world", commit.service(), "the default service is the repository's slug");
    assertNull(commit.team());
    assertEquals("github", commit.source());
    assertEquals("Codertocat/Hello-World", commit.attributes().get("repository"));
    assertNull(change(commit).prOpenedAt());
  }

  @Test
  void tagPushesDeletionsPingsAndUnusedEventsMakeNothingButSayWhy() throws Refused {
    ObjectNode tagDeleted = load("github/push-with-new-branch.payload.json");
    tagDeleted.put("ref", "refs/tags/v1");
    Received tag = deliver("push", tagDeleted);
    assertTrue(tag.events().isEmpty());
    assertTrue(tag.notes().get(0).contains("not to a branch"), tag.toString());

    assertTrue(deliver("ping", load("github/ping-payload.json")).events().isEmpty());
    Received issues = deliver("issues", load("github/ping-payload.json"));
    assertEquals(List.of("GitHub issues events are not used by Paved"), issues.notes());

    Received closedUnmerged =
        deliver("pull_request", load("github/pull_request-closed.payload.json"));
    assertTrue(closedUnmerged.events().isEmpty(), "closing without merging is no stage");
  }

  @Test
  void pullRequestStagesBecomeTheChangesPrFields() throws Refused {
    Event opened = only(deliver("pull_request", load("github/pull_request-opened.payload.json")));
    assertEquals("github-186853002-pr-2-opened", opened.id());
    assertEquals(PR, change(opened).changeId());
    assertEquals(Instant.parse("2019-05-15T15:20:33Z"), change(opened).prOpenedAt());
    assertEquals(Instant.parse("2019-05-15T15:20:33Z"), opened.time(), "no commit known: opened");
    assertEquals("Codertocat", opened.actor());

    // octokit's example review is by the pull request's author: no review of it.
    Received ownReview =
        deliver("pull_request_review", load("github/pull_request_review-submitted.payload.json"));
    assertTrue(ownReview.events().isEmpty(), ownReview.toString());

    ObjectNode byReviewer = load("github/pull_request_review-submitted.payload.json");
    ((ObjectNode) byReviewer.get("review").get("user")).put("id", 9919);
    Event reviewed = only(deliver("pull_request_review", byReviewer));
    assertEquals("github-186853002-pr-2-first-review", reviewed.id());
    assertEquals(Instant.parse("2019-05-15T15:20:38Z"), change(reviewed).prFirstReviewAt());

    Event merged =
        only(deliver("pull_request", merged(load("github/pull_request-closed.payload.json"))));
    assertEquals("github-186853002-pr-2-merged", merged.id());
    assertEquals(Instant.parse("2019-05-15T15:21:18Z"), change(merged).prMergedAt());
    assertEquals(
        List.of("c4295bd74fb0f4fda03689c3df3f2803b658fd85"),
        change(merged).commitIds(),
        "the merge commit resolves to the pull request");
  }

  /** octokit's closed example, merged as GitHub's docs describe the closed action of a merge. */
  private static ObjectNode merged(ObjectNode closed) {
    ObjectNode pr = (ObjectNode) closed.get("pull_request");
    pr.put("merged", true);
    pr.put("merged_at", pr.get("closed_at").asText());
    return closed;
  }

  private static ObjectNode deployment(String sha, String state, long statusId, String finished) {
    ObjectNode payload = load("github/deployment_status-payload.json");
    ((ObjectNode) payload.get("deployment")).put("sha", sha);
    ObjectNode status = (ObjectNode) payload.get("deployment_status");
    status.put("state", state);
    status.put("id", statusId);
    status.put("created_at", finished);
    ((ObjectNode) payload.get("deployment")).put("id", statusId * 10);
    return payload;
  }

  @Test
  void aDeployOfAShaNeverPushedNamesOnlyThatCommitAndSaysSo() throws Refused {
    Received received = deliver("deployment_status", load("github/deployment_status-payload.json"));
    Event deploy = only(received);
    assertEquals("github-186853002-deployment-status-209916254", deploy.id());
    assertEquals("github-186853002-deployment-145988746", deploy(deploy).deployId());
    assertEquals(Deploy.Status.SUCCESS, deploy(deploy).status());
    assertEquals("production", deploy(deploy).environment());
    assertEquals(Instant.parse("2019-05-15T15:20:55Z"), deploy.time());
    assertEquals(Instant.parse("2019-05-15T15:20:53Z"), deploy(deploy).startedAt());
    assertEquals("hello-world", deploy.service());
    assertEquals(List.of("f95f852bd8fca8fcc58a9a2d6c842781e32a215e"), deploy(deploy).changeIds());
    assertTrue(received.notes().get(0).contains("was never pushed"), received.toString());
  }

  @Test
  void unfinishedDeploymentStatesMakeNothing() throws Refused {
    assertTrue(
        deliver("deployment_status", deployment(ROOT, "in_progress", 1, "2026-11-20T10:00:00Z"))
            .events()
            .isEmpty());
    Event error =
        only(deliver("deployment_status", deployment(ROOT, "error", 2, "2026-11-20T10:00:00Z")));
    assertEquals(Deploy.Status.FAILURE, deploy(error).status());
  }

  @Test
  void aSquashMergeShipsThePullRequestNotItsSquashCommit() throws Refused {
    deliver(
        "push",
        githubPush("master", NO_COMMIT, false, new String[][] {{ROOT, "2026-11-01T09:00:00Z"}}));
    only(deliver("deployment_status", deployment(ROOT, "success", 1, "2026-11-01T10:00:00Z")));
    // The pull request's branch: two commits over the root.
    Received branch =
        deliver(
            "push",
            githubPush(
                "changes",
                ROOT,
                false,
                new String[][] {
                  {sha("a1"), "2026-11-02T09:00:00Z"}, {sha("a2"), "2026-11-02T11:00:00Z"}
                }));
    assertEquals(2, branch.events().size());

    ObjectNode opened = load("github/pull_request-opened.payload.json");
    ObjectNode pr = (ObjectNode) opened.get("pull_request");
    pr.put("created_at", "2026-11-02T12:00:00Z");
    ((ObjectNode) pr.get("head")).put("sha", sha("a2"));
    Event openedEvent = only(deliver("pull_request", opened));
    assertEquals(
        Instant.parse("2026-11-02T09:00:00Z"),
        openedEvent.time(),
        "coding starts at the earliest commit of the branch");
    assertEquals(List.of(sha("a2"), sha("a1")), change(openedEvent).commitIds());

    ObjectNode closed = merged(load("github/pull_request-closed.payload.json"));
    ObjectNode closedPr = (ObjectNode) closed.get("pull_request");
    closedPr.put("created_at", "2026-11-02T12:00:00Z");
    closedPr.put("merged_at", "2026-11-03T10:00:00Z");
    closedPr.put("merge_commit_sha", sha("5a"));
    ((ObjectNode) closedPr.get("head")).put("sha", sha("a2"));
    Event mergedEvent = only(deliver("pull_request", closed));
    assertEquals(List.of(sha("a2"), sha("a1"), sha("5a")), change(mergedEvent).commitIds());
    assertEquals(Instant.parse("2026-11-02T09:00:00Z"), mergedEvent.time());

    // The squash commit lands on master alone, over the root.
    deliver(
        "push",
        githubPush("master", ROOT, false, new String[][] {{sha("5a"), "2026-11-03T10:00:00Z"}}));
    Event shipped =
        only(
            deliver(
                "deployment_status", deployment(sha("5a"), "success", 2, "2026-11-03T11:00:00Z")));
    assertEquals(List.of(PR), deploy(shipped).changeIds(), "the root was shipped before");

    deliver(
        "push",
        githubPush(
            "master", sha("5a"), false, new String[][] {{sha("c1"), "2026-11-04T09:00:00Z"}}));
    Event next =
        only(
            deliver(
                "deployment_status", deployment(sha("c1"), "success", 3, "2026-11-04T10:00:00Z")));
    assertEquals(List.of(sha("c1")), deploy(next).changeIds());
  }

  @Test
  void aMergeCommitShipsThePullRequestOnce() throws Refused {
    deliver(
        "push",
        githubPush(
            "changes",
            NO_COMMIT,
            false,
            new String[][] {
              {sha("b1"), "2026-11-02T09:00:00Z"}, {sha("b2"), "2026-11-02T10:00:00Z"}
            }));
    ObjectNode closed = merged(load("github/pull_request-closed.payload.json"));
    ObjectNode pr = (ObjectNode) closed.get("pull_request");
    pr.put("merge_commit_sha", sha("3c"));
    ((ObjectNode) pr.get("head")).put("sha", sha("b2"));
    deliver("pull_request", closed);
    // The merge brings the branch's commits and the merge commit to master, listed in that order.
    deliver(
        "push",
        githubPush(
            "master",
            ROOT,
            false,
            new String[][] {
              {sha("b1"), "2026-11-02T09:00:00Z"},
              {sha("b2"), "2026-11-02T10:00:00Z"},
              {sha("3c"), "2026-11-03T10:00:00Z"}
            }));
    Event deploy =
        only(
            deliver(
                "deployment_status", deployment(sha("3c"), "success", 4, "2026-11-03T12:00:00Z")));
    assertEquals(List.of(PR, ROOT), deploy(deploy).changeIds());
  }

  @Test
  void aForcedPushCutsTheHistoryItReplaced() throws Refused {
    deliver(
        "push",
        githubPush("master", NO_COMMIT, false, new String[][] {{ROOT, "2026-11-01T09:00:00Z"}}));
    deliver(
        "push",
        githubPush(
            "master",
            ROOT,
            false,
            new String[][] {
              {sha("d1"), "2026-11-02T09:00:00Z"}, {sha("d2"), "2026-11-02T10:00:00Z"}
            }));
    Received forced =
        deliver(
            "push",
            githubPush(
                "master", sha("d2"), true, new String[][] {{sha("e1"), "2026-11-02T11:00:00Z"}}));
    assertEquals(1, forced.events().size());
    assertTrue(forced.notes().get(0).contains("forced push"), forced.toString());

    Event deploy =
        only(
            deliver(
                "deployment_status", deployment(sha("e1"), "success", 5, "2026-11-02T12:00:00Z")));
    assertEquals(
        List.of(sha("e1")),
        deploy(deploy).changeIds(),
        "d1 and d2 were replaced; e1's parent is unknown");
  }

  @Test
  void aRedeliveredDeployIsTheSameEventNamingTheSameChanges() throws Refused {
    deliver(
        "push",
        githubPush(
            "master",
            NO_COMMIT,
            false,
            new String[][] {
              {sha("f1"), "2026-11-02T09:00:00Z"}, {sha("f2"), "2026-11-02T10:00:00Z"}
            }));
    ObjectNode payload = deployment(sha("f2"), "success", 6, "2026-11-02T12:00:00Z");
    Event first = only(deliver("deployment_status", payload));
    Event again = only(deliver("deployment_status", payload));
    assertEquals(first, again);
    assertEquals(List.of(sha("f2"), sha("f1")), deploy(again).changeIds());

    ObjectNode push =
        githubPush(
            "master", NO_COMMIT, false, new String[][] {{sha("f1"), "2026-11-02T09:00:00Z"}});
    assertEquals(deliver("push", push).events(), deliver("push", push).events());
  }

  @Test
  void deploysAndPushesMayArriveInAnyOrder() throws Refused {
    // The later deploy arrives first and names everything up to its sha ...
    deliver(
        "push",
        githubPush(
            "master",
            NO_COMMIT,
            false,
            new String[][] {
              {sha("11"), "2026-11-02T09:00:00Z"},
              {sha("12"), "2026-11-02T10:00:00Z"},
              {sha("13"), "2026-11-02T11:00:00Z"}
            }));
    Event later =
        only(
            deliver(
                "deployment_status", deployment(sha("13"), "success", 7, "2026-11-02T15:00:00Z")));
    assertEquals(List.of(sha("13"), sha("12"), sha("11")), deploy(later).changeIds());
    // ... the earlier one, arriving late, still names what it shipped first.
    Event earlier =
        only(
            deliver(
                "deployment_status", deployment(sha("12"), "success", 8, "2026-11-02T12:00:00Z")));
    assertEquals(List.of(sha("12"), sha("11")), deploy(earlier).changeIds());

    // A push arriving after the deploy of its head: the deploy named only the head.
    Event early =
        only(
            deliver(
                "deployment_status", deployment(sha("22"), "success", 9, "2026-11-03T12:00:00Z")));
    assertEquals(List.of(sha("22")), deploy(early).changeIds());
    deliver(
        "push",
        githubPush(
            "master",
            sha("13"),
            false,
            new String[][] {
              {sha("21"), "2026-11-03T09:00:00Z"}, {sha("22"), "2026-11-03T10:00:00Z"}
            }));
    Event next =
        only(
            deliver(
                "deployment_status", deployment(sha("22"), "success", 10, "2026-11-03T13:00:00Z")));
    assertEquals(
        List.of(sha("22"), sha("21")),
        deploy(next).changeIds(),
        "22 shipped before its history was known: the next deploy walks on through it to 21");
    deliver(
        "push",
        githubPush(
            "master", sha("22"), false, new String[][] {{sha("23"), "2026-11-03T14:00:00Z"}}));
    Event last =
        only(
            deliver(
                "deployment_status", deployment(sha("23"), "success", 11, "2026-11-03T15:00:00Z")));
    assertEquals(List.of(sha("23")), deploy(last).changeIds(), "22 is known to be shipped now");
  }

  @Test
  void aFailedDeployShipsNothingSoTheNextOneNamesItsChangesAgain() throws Refused {
    deliver(
        "push",
        githubPush(
            "master", NO_COMMIT, false, new String[][] {{sha("31"), "2026-11-02T09:00:00Z"}}));
    Event failed =
        only(
            deliver(
                "deployment_status", deployment(sha("31"), "failure", 11, "2026-11-02T10:00:00Z")));
    assertEquals(Deploy.Status.FAILURE, deploy(failed).status());
    assertEquals(List.of(sha("31")), deploy(failed).changeIds());
    Event retried =
        only(
            deliver(
                "deployment_status", deployment(sha("31"), "success", 12, "2026-11-02T11:00:00Z")));
    assertEquals(List.of(sha("31")), deploy(retried).changeIds());
  }

  @Test
  void signaturesAreCheckedBeforeAnythingElse() {
    byte[] body = bytes(load("github/push-with-new-branch.payload.json"));
    Map<String, String> good = WebhookFixtures.github("push", body);

    Refused missing =
        assertThrows(
            Refused.class,
            () -> WebhookFixtures.receive(github, Map.of("X-GitHub-Event", "push"), body));
    assertEquals(401, missing.status());
    assertEquals("the delivery has no X-Hub-Signature-256 header", missing.getMessage());

    Map<String, String> wrong = new java.util.HashMap<>(good);
    wrong.put("X-Hub-Signature-256", "sha256=" + WebhookFixtures.hmacHex("another secret", body));
    assertEquals(
        401,
        assertThrows(Refused.class, () -> WebhookFixtures.receive(github, wrong, body)).status());

    // A genuine signature of another delivery does not sign this body.
    byte[] other = bytes(load("github/pull_request-opened.payload.json"));
    Map<String, String> replayed = WebhookFixtures.github("push", other);
    assertEquals(
        401,
        assertThrows(Refused.class, () -> WebhookFixtures.receive(github, replayed, body))
            .status());

    Map<String, String> malformed = new java.util.HashMap<>(good);
    malformed.put("X-Hub-Signature-256", "sha256=not-hex");
    assertEquals(
        401,
        assertThrows(Refused.class, () -> WebhookFixtures.receive(github, malformed, body))
            .status());
  }
}
