package dev.paved.ingest.webhooks;

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
 * {@code POST /v1/webhooks/github}: {@code push}, {@code pull_request}, {@code pull_request_review}
 * and {@code deployment_status} deliveries (header {@code X-GitHub-Event}), signed with {@code
 * X-Hub-Signature-256}. Mappings: {@code docs/webhooks.md}.
 */
final class GitHubWebhook extends ToolWebhook {
  static final String EVENT_HEADER = "X-GitHub-Event";
  static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  /**
   * GitHub lists at most 2048 commits in a push webhook (the 20-commit limit of its schema applies
   * to timeline events only): a list this long may miss older commits.
   */
  static final int MAX_LISTED_COMMITS = 2048;

  private static final String NO_COMMIT = "0000000000000000000000000000000000000000";

  private final ServiceOwners owners;
  private final RepositoryEvents events;

  GitHubWebhook(String secret, ServiceOwners owners, PushHistory history) {
    super("github", new HubSignature(SIGNATURE_HEADER, secret));
    this.owners = owners;
    this.events = new RepositoryEvents("github", history);
  }

  @Override
  Received translate(Function<String, String> headers, Payload payload) throws Refused {
    String kind = headers.apply(EVENT_HEADER);
    if (kind == null) {
      throw Payload.unexpected("the delivery has no " + EVENT_HEADER + " header");
    }
    return switch (kind) {
      case "ping" -> ignored("ping: the webhook reaches Paved");
      case "push" -> push(payload);
      case "pull_request" -> pullRequest(payload);
      case "pull_request_review" -> review(payload);
      case "deployment_status" -> deploymentStatus(payload);
      default -> ignored("GitHub " + kind + " events are not used by Paved");
    };
  }

  private static Received ignored(String note) {
    return new Received(List.of(), List.of(note));
  }

  private Repository repository(Payload payload) throws Refused {
    String fullName = payload.text("repository.full_name");
    return new Repository(
        payload.text("repository.id"),
        fullName,
        owners.of(payload.text("repository.name"), null, fullName));
  }

  private Received push(Payload payload) throws Refused {
    String ref = payload.text("ref");
    if (payload.node("deleted").asBoolean(false)) {
      return ignored("push deleted " + ref + ": nothing to record");
    }
    if (!ref.startsWith("refs/heads/")) {
      return ignored("push to " + ref + " is not to a branch: ignored");
    }
    Repository repository = repository(payload);
    List<PushedCommit> commits = new ArrayList<>();
    for (JsonNode commit : payload.node("commits")) {
      Payload c = new Payload(commit);
      commits.add(
          new PushedCommit(
              c.text("id"),
              c.time("timestamp"),
              firstOf(
                  c.optionalText("author.username"),
                  c.optionalText("author.email"),
                  c.optionalText("author.name"))));
    }
    List<String> notes = new ArrayList<>();
    String before = payload.text("before");
    boolean forced = payload.node("forced").asBoolean(false);
    if (forced) {
      notes.add(
          "forced push to "
              + ref
              + ": the commits it replaced are not part of its history; the first listed commit's"
              + " parent is unknown");
    }
    if (commits.size() >= MAX_LISTED_COMMITS) {
      notes.add(
          "the push lists "
              + commits.size()
              + " commits, GitHub's maximum: older commits of it may be missing; they make no"
              + " change and no deploy names them");
    }
    boolean parentKnown = !forced && !before.equals(NO_COMMIT);
    List<Event> made = events.pushed(repository, ref, parentKnown ? before : null, commits);
    return new Received(made, notes);
  }

  private PullRequest pullRequestOf(Payload payload, Instant reviewedAt, Instant mergedAt)
      throws Refused {
    String fullName = payload.text("repository.full_name");
    List<String> mergeShas = new ArrayList<>();
    if (mergedAt != null) {
      mergeShas.add(payload.text("pull_request.merge_commit_sha"));
    }
    return new PullRequest(
        fullName + "#" + payload.text("pull_request.number"),
        payload.time("pull_request.created_at"),
        reviewedAt,
        mergedAt,
        payload.optionalText("pull_request.user.login"),
        "refs/heads/" + payload.text("pull_request.head.ref"),
        payload.text("pull_request.head.sha"),
        mergeShas);
  }

  private Received pullRequest(Payload payload) throws Refused {
    String action = payload.text("action");
    String number = payload.text("pull_request.number");
    if (action.equals("opened")) {
      return new Received(
          List.of(
              events.pullRequest(
                  repository(payload), number, "opened", pullRequestOf(payload, null, null))),
          List.of());
    }
    if (action.equals("closed") && payload.node("pull_request.merged").asBoolean(false)) {
      Instant mergedAt = payload.time("pull_request.merged_at");
      return new Received(
          List.of(
              events.pullRequest(
                  repository(payload), number, "merged", pullRequestOf(payload, null, mergedAt))),
          List.of());
    }
    return ignored("pull request " + action + " is not a stage Paved measures");
  }

  private Received review(Payload payload) throws Refused {
    if (!payload.text("action").equals("submitted")) {
      return ignored("review " + payload.text("action") + ": only submitted reviews count");
    }
    String reviewer = payload.optionalText("review.user.id");
    if (reviewer != null && reviewer.equals(payload.optionalText("pull_request.user.id"))) {
      return ignored("review by the pull request's author: not a review of it");
    }
    return new Received(
        List.of(
            events.pullRequest(
                repository(payload),
                payload.text("pull_request.number"),
                "first-review",
                pullRequestOf(payload, payload.time("review.submitted_at"), null))),
        List.of());
  }

  private Received deploymentStatus(Payload payload) throws Refused {
    String state = payload.text("deployment_status.state");
    Deploy.Status status =
        switch (state) {
          case "success" -> Deploy.Status.SUCCESS;
          case "failure", "error" -> Deploy.Status.FAILURE;
          default -> null;
        };
    if (status == null) {
      return ignored("deployment status " + state + " is not finished: ignored");
    }
    Repository repository = repository(payload);
    String environment =
        firstOf(
            payload.optionalText("deployment_status.environment"),
            payload.optionalText("deployment.environment"),
            Deploy.DEFAULT_ENVIRONMENT);
    List<String> notes = new ArrayList<>();
    Event deploy =
        events.deployed(
            repository,
            "github-"
                + repository.id()
                + "-deployment-status-"
                + payload.text("deployment_status.id"),
            new Deployment(
                "github-" + repository.id() + "-deployment-" + payload.text("deployment.id"),
                environment,
                status,
                payload.optionalTime("deployment.created_at"),
                payload.time("deployment_status.created_at"),
                payload.text("deployment.sha"),
                payload.optionalText("deployment.creator.login")),
            notes);
    return new Received(List.of(deploy), notes);
  }

  static String firstOf(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
