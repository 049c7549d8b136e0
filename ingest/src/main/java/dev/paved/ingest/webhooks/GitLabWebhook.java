package dev.paved.ingest.webhooks;

import static dev.paved.ingest.webhooks.GitHubWebhook.firstOf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.ingest.webhooks.RepositoryEvents.Deployment;
import dev.paved.ingest.webhooks.RepositoryEvents.PullRequest;
import dev.paved.ingest.webhooks.RepositoryEvents.PushedCommit;
import dev.paved.ingest.webhooks.RepositoryEvents.Repository;
import dev.paved.model.Deploy;
import dev.paved.model.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code POST /v1/webhooks/gitlab}: push, merge request, deployment and pipeline hooks (by their
 * {@code object_kind}), authenticated by {@code X-Gitlab-Token}. Mappings: {@code
 * docs/webhooks.md}.
 */
final class GitLabWebhook extends ToolWebhook {
  private static final String NO_COMMIT = "0000000000000000000000000000000000000000";

  private final ServiceOwners owners;
  private final RepositoryEvents events;

  GitLabWebhook(String token, ServiceOwners owners, PushHistory history) {
    super("gitlab", new GitLabToken(token));
    this.owners = owners;
    this.events = new RepositoryEvents("gitlab", history);
  }

  @Override
  Received translate(Function<String, String> headers, Payload payload) throws Refused {
    String kind = payload.text("object_kind");
    return switch (kind) {
      case "push" -> push(payload);
      case "merge_request" -> mergeRequest(payload);
      case "deployment" -> deployment(payload);
      case "pipeline" -> pipeline(payload);
      default -> ignored("GitLab " + kind + " hooks are not used by Paved");
    };
  }

  private static Received ignored(String note) {
    return new Received(List.of(), List.of(note));
  }

  private Repository repository(Payload payload) throws Refused {
    String fullName = payload.text("project.path_with_namespace");
    String id = firstOf(payload.optionalText("project.id"), payload.optionalText("project_id"));
    if (id == null) {
      throw Payload.unexpected("project.id is missing");
    }
    return new Repository(id, fullName, owners.of(payload.text("project.name"), null, fullName));
  }

  private Received push(Payload payload) throws Refused {
    String ref = payload.text("ref");
    String after = payload.text("after");
    if (after.equals(NO_COMMIT)) {
      return ignored("push deleted " + ref + ": nothing to record");
    }
    Repository repository = repository(payload);
    List<PushedCommit> commits = new ArrayList<>();
    for (JsonNode commit : payload.node("commits")) {
      Payload c = new Payload(commit);
      commits.add(
          new PushedCommit(
              c.text("id"),
              c.time("timestamp"),
              firstOf(c.optionalText("author.email"), c.optionalText("author.name"))));
    }
    // GitLab lists commits oldest first, at most 20 of them, and counts them all.
    List<String> notes = new ArrayList<>();
    int total = payload.node("total_commits_count").asInt(commits.size());
    if (total > commits.size()) {
      notes.add(
          "the push has "
              + total
              + " commits and lists "
              + commits.size()
              + ": the other "
              + (total - commits.size())
              + " make no change and no deploy names them");
    }
    String before = payload.text("before");
    return new Received(
        events.pushed(repository, ref, before.equals(NO_COMMIT) ? null : before, commits), notes);
  }

  private Received mergeRequest(Payload payload) throws Refused {
    String action = firstOf(payload.optionalText("object_attributes.action"), "");
    String iid = payload.text("object_attributes.iid");
    Repository repository = repository(payload);
    Instant openedAt = payload.time("object_attributes.created_at");
    Instant at =
        firstInstant(
            payload.optionalTime("object_attributes.updated_at"),
            payload.optionalTime("object_attributes.created_at"));
    String stage;
    Instant reviewedAt = null;
    Instant mergedAt = null;
    List<String> mergeShas = new ArrayList<>();
    switch (action) {
      case "open" -> stage = "opened";
      case "approved", "approval" -> {
        stage = "first-review";
        reviewedAt = at;
      }
      case "merge" -> {
        stage = "merged";
        mergedAt = at;
        for (String field : List.of("merge_commit_sha", "squash_commit_sha")) {
          String sha = payload.optionalText("object_attributes." + field);
          if (sha != null && !sha.isBlank()) {
            mergeShas.add(sha);
          }
        }
      }
      default -> {
        return ignored("merge request " + action + " is not a stage Paved measures");
      }
    }
    PullRequest pr =
        new PullRequest(
            repository.fullName() + "!" + iid,
            openedAt,
            reviewedAt,
            mergedAt,
            firstOf(payload.optionalText("user.username"), payload.optionalText("user.email")),
            "refs/heads/" + payload.text("object_attributes.source_branch"),
            payload.optionalText("object_attributes.last_commit.id"),
            mergeShas);
    return new Received(List.of(events.pullRequest(repository, iid, stage, pr)), List.of());
  }

  private static Instant firstInstant(Instant first, Instant second) {
    return first != null ? first : second;
  }

  private static Deploy.Status status(String status) {
    return switch (status) {
      case "success" -> Deploy.Status.SUCCESS;
      case "failed" -> Deploy.Status.FAILURE;
      default -> null;
    };
  }

  private Received deployment(Payload payload) throws Refused {
    String state = payload.text("status");
    Deploy.Status status = status(state);
    if (status == null) {
      return ignored("deployment " + state + " is not finished: ignored");
    }
    Repository repository = repository(payload);
    String id = payload.text("deployment_id");
    List<String> notes = new ArrayList<>();
    Event deploy =
        events.deployed(
            repository,
            "gitlab-" + repository.id() + "-deployment-" + id + "-" + state,
            new Deployment(
                "gitlab-" + repository.id() + "-deployment-" + id,
                payload.text("environment"),
                status,
                null,
                payload.time("status_changed_at"),
                deployedSha(payload),
                firstOf(payload.optionalText("user.username"), payload.optionalText("user.email"))),
            notes);
    return new Received(List.of(deploy), notes);
  }

  /**
   * The deployment hook names its commit by {@code commit_url} ({@code .../-/commit/<sha>}) and
   * {@code short_sha}; the full sha is the one pushes list.
   */
  private static String deployedSha(Payload payload) throws Refused {
    String url = payload.optionalText("commit_url");
    if (url != null && url.matches(".*/[0-9a-f]{40}$")) {
      return url.substring(url.length() - 40);
    }
    return payload.text("short_sha");
  }

  /**
   * A pipeline is a deploy when one of its jobs starts an environment ({@code
   * builds[].environment.action} {@code start}); other pipelines are CI, not deploys.
   */
  private Received pipeline(Payload payload) throws Refused {
    String environment = null;
    for (JsonNode build : payload.node("builds")) {
      JsonNode env = build.path("environment");
      if (env.path("action").asText("").equals("start") && env.path("name").isTextual()) {
        environment = env.path("name").asText();
      }
    }
    if (environment == null) {
      return ignored("pipeline deploys to no environment: CI, not a deploy");
    }
    String state = payload.text("object_attributes.status");
    Deploy.Status status = status(state);
    if (status == null) {
      return ignored("pipeline " + state + " is not finished: ignored");
    }
    Repository repository = repository(payload);
    String id = payload.text("object_attributes.id");
    List<String> notes = new ArrayList<>();
    Event deploy =
        events.deployed(
            repository,
            "gitlab-" + repository.id() + "-pipeline-" + id + "-" + state,
            new Deployment(
                "gitlab-" + repository.id() + "-pipeline-" + id,
                environment,
                status,
                payload.optionalTime("object_attributes.created_at"),
                payload.time("object_attributes.finished_at"),
                payload.text("object_attributes.sha"),
                firstOf(payload.optionalText("user.username"), payload.optionalText("user.email"))),
            notes);
    return new Received(List.of(deploy), notes);
  }
}
