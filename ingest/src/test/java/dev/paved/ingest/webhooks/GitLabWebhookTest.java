package dev.paved.ingest.webhooks;

import static dev.paved.ingest.webhooks.WebhookFixtures.bytes;
import static dev.paved.ingest.webhooks.WebhookFixtures.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.ingest.http.WebhookReceiver;
import dev.paved.ingest.http.WebhookReceiver.Received;
import dev.paved.ingest.http.WebhookReceiver.Refused;
import dev.paved.model.Change;
import dev.paved.model.Deploy;
import dev.paved.model.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GitLab hooks, from the payload examples of GitLab's documentation, into contract events. */
class GitLabWebhookTest {
  private final WebhookReceiver gitlab = WebhookFixtures.receivers().get("gitlab");

  private Received deliver(ObjectNode payload) throws Refused {
    byte[] body = bytes(payload);
    return WebhookFixtures.receive(gitlab, WebhookFixtures.gitlab(), body);
  }

  @Test
  void aPushMakesAChangePerListedCommitAndSaysWhichAreMissing() throws Refused {
    Received push = deliver(load("gitlab/push.json"));
    assertEquals(2, push.events().size());
    Event first = push.events().get(0);
    assertEquals("gitlab-15-commit-b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327", first.id());
    assertEquals("b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327", ((Change) first.body()).changeId());
    assertEquals(Instant.parse("2011-12-12T12:27:31Z"), first.time(), "+02:00 kept as an instant");
    assertEquals("jordi@softcatala.org", first.actor());
    assertEquals("diaspora-web", first.service(), "webhooks.repositories maps mike/diaspora");
    assertEquals("social", first.team());
    assertEquals("gitlab", first.source());
    assertEquals(
        List.of(
            "the push has 4 commits and lists 2: the other 2 make no change and no deploy names"
                + " them"),
        push.notes());
  }

  @Test
  void mergeRequestStagesAndASquashCommitResolveToTheMergeRequest() throws Refused {
    deliver(load("gitlab/push.json"));
    ObjectNode opened = load("gitlab/merge_request.json");
    ((ObjectNode) opened.get("object_attributes")).put("source_branch", "master");
    Event openedEvent = deliver(opened).events().get(0);
    assertEquals("gitlab-1-pr-1-opened", openedEvent.id());
    Change change = (Change) openedEvent.body();
    assertEquals("gitlabhq/gitlab-test!1", change.changeId());
    assertEquals(Instant.parse("2013-12-03T17:23:34Z"), change.prOpenedAt());
    assertEquals("gitlab-test", openedEvent.service(), "unmapped: the project's name as a slug");
    assertEquals("root", openedEvent.actor());

    ObjectNode approved = load("gitlab/merge_request.json");
    ObjectNode approvedAttributes = (ObjectNode) approved.get("object_attributes");
    approvedAttributes.put("action", "approved");
    approvedAttributes.put("updated_at", "2013-12-04T09:00:00Z");
    Event review = deliver(approved).events().get(0);
    assertEquals("gitlab-1-pr-1-first-review", review.id());
    assertEquals(Instant.parse("2013-12-04T09:00:00Z"), ((Change) review.body()).prFirstReviewAt());

    ObjectNode merged = load("gitlab/merge_request.json");
    ObjectNode mergedAttributes = (ObjectNode) merged.get("object_attributes");
    mergedAttributes.put("action", "merge");
    mergedAttributes.put("updated_at", "2013-12-05T09:00:00Z");
    mergedAttributes.put("merge_commit_sha", "ab".repeat(20));
    mergedAttributes.put("squash_commit_sha", "cd".repeat(20));
    Change mergedChange = (Change) deliver(merged).events().get(0).body();
    assertEquals(Instant.parse("2013-12-05T09:00:00Z"), mergedChange.prMergedAt());
    assertEquals(List.of("ab".repeat(20), "cd".repeat(20)), mergedChange.commitIds());

    ObjectNode updated = load("gitlab/merge_request.json");
    ((ObjectNode) updated.get("object_attributes")).put("action", "update");
    assertTrue(deliver(updated).events().isEmpty());
  }

  @Test
  void aDeploymentHookIsADeployOfItsFullSha() throws Refused {
    Received received = deliver(load("gitlab/deployment.json"));
    Event deploy = received.events().get(0);
    Deploy body = (Deploy) deploy.body();
    assertEquals("gitlab-30-deployment-15-success", deploy.id());
    assertEquals("gitlab-30-deployment-15", body.deployId());
    assertEquals("staging", body.environment());
    assertEquals(Deploy.Status.SUCCESS, body.status());
    assertEquals(Instant.parse("2021-04-28T19:50:00Z"), deploy.time());
    assertEquals(List.of("279484c09fbe69ededfced8c1bb6e6d24616b468"), body.changeIds());
    assertTrue(received.notes().get(0).contains("never pushed"));

    ObjectNode running = load("gitlab/deployment.json");
    running.put("status", "running");
    assertTrue(deliver(running).events().isEmpty());
    ObjectNode failed = load("gitlab/deployment.json");
    failed.put("status", "failed");
    Event failure = deliver(failed).events().get(0);
    assertEquals("gitlab-30-deployment-15-failed", failure.id());
    assertEquals(Deploy.Status.FAILURE, ((Deploy) failure.body()).status());
  }

  @Test
  void aPipelineIsADeployOnlyWhenAJobStartsAnEnvironment() throws Refused {
    Event deploy = deliver(load("gitlab/pipeline.json")).events().get(0);
    Deploy body = (Deploy) deploy.body();
    assertEquals("gitlab-1-pipeline-31-success", deploy.id());
    assertEquals("production", body.environment());
    assertEquals(Instant.parse("2016-08-12T15:26:29Z"), deploy.time());
    assertEquals(Instant.parse("2016-08-12T15:23:28Z"), body.startedAt());
    assertEquals(List.of("bcbb5ec396a2c0f828686f14fac9b80b780504f2"), body.changeIds());

    ObjectNode ci = load("gitlab/pipeline.json");
    ci.putArray("builds");
    Received notDeploy = deliver(ci);
    assertTrue(notDeploy.events().isEmpty());
    assertEquals(
        List.of("pipeline deploys to no environment: CI, not a deploy"), notDeploy.notes());
  }

  @Test
  void theTokenIsCompared() {
    byte[] body = bytes(load("gitlab/push.json"));
    Refused missing =
        assertThrows(Refused.class, () -> WebhookFixtures.receive(gitlab, Map.of(), body));
    assertEquals(401, missing.status());
    Refused wrong =
        assertThrows(
            Refused.class,
            () ->
                WebhookFixtures.receive(
                    gitlab, Map.of("X-Gitlab-Token", WebhookFixtures.GITLAB_TOKEN + "x"), body));
    assertEquals(401, wrong.status());
  }
}
