package dev.paved.ingest.webhooks;

import dev.paved.config.WebhooksConfig.Owner;
import dev.paved.model.Change;
import dev.paved.model.Deploy;
import dev.paved.model.Event;
import dev.paved.model.EventBody;
import dev.paved.model.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contract events of a source-control tool (GitHub, GitLab), from facts its adapter read: a
 * {@code change} per pushed commit, a pull request's {@code change} with its {@code pr_*} times and
 * {@code commit_ids}, and a {@code deploy} naming the changes it shipped, found in {@link
 * PushHistory}.
 */
final class RepositoryEvents {
  private static final Logger log = LoggerFactory.getLogger(RepositoryEvents.class);

  /** A repository: the tool's stable id (for event ids), its full name and its Paved owner. */
  record Repository(String id, String fullName, Owner owner) {}

  /** A commit as a push lists it. */
  record PushedCommit(String sha, Instant authoredAt, String author) {}

  /** A pull request's state as one of its webhooks tells it. */
  record PullRequest(
      String changeId,
      Instant openedAt,
      Instant firstReviewAt,
      Instant mergedAt,
      String author,
      String ref,
      String head,
      List<String> mergeShas) {}

  /** A finished deployment of a sha. */
  record Deployment(
      String deployId,
      String environment,
      Deploy.Status status,
      Instant startedAt,
      Instant finishedAt,
      String sha,
      String actor) {}

  private final String tool;
  private final PushHistory history;

  RepositoryEvents(String tool, PushHistory history) {
    this.tool = tool;
    this.history = history;
  }

  /**
   * Records a push and makes a {@code change} per listed commit.
   *
   * @param before the first commit's parent; null when unknown (forced push, new branch)
   */
  List<Event> pushed(Repository repository, String ref, String before, List<PushedCommit> commits) {
    history.pushed(
        repository.id(),
        ref,
        before,
        commits.stream().map(PushedCommit::sha).toList(),
        commits.stream().map(PushedCommit::authoredAt).toList());
    List<Event> events = new ArrayList<>();
    for (PushedCommit commit : commits) {
      events.add(
          event(
              tool + "-" + repository.id() + "-commit-" + commit.sha(),
              EventType.CHANGE,
              commit.authoredAt(),
              commit.author(),
              repository,
              Map.of(),
              new Change(commit.sha(), null, null, null, List.of())));
    }
    return events;
  }

  /**
   * A pull request's {@code change}: {@code stage} (opened, first-review, merged) makes its id, so
   * a redelivery or a second review is a duplicate. Its {@code time} is when its earliest known
   * commit was authored (coding starts there), else when it was opened. Its {@code commit_ids} are
   * the commits pushed to its branch up to its head, and the merge or squash commits; once merged,
   * a deploy of any of them names the pull request.
   */
  Event pullRequest(Repository repository, String number, String stage, PullRequest pr) {
    Set<String> commitIds = new LinkedHashSet<>();
    if (pr.ref() != null && pr.head() != null) {
      commitIds.addAll(history.branchCommits(repository.id(), pr.ref(), pr.head()));
    }
    commitIds.addAll(pr.mergeShas());
    List<String> commits = List.copyOf(commitIds);
    if (pr.mergedAt() != null) {
      history.merged(repository.id(), pr.changeId(), commits);
    }
    Instant authored = history.earliestAuthored(repository.id(), commits);
    Instant time = authored == null || authored.isAfter(pr.openedAt()) ? pr.openedAt() : authored;
    return event(
        tool + "-" + repository.id() + "-pr-" + number + "-" + stage,
        EventType.CHANGE,
        time,
        pr.author(),
        repository,
        Map.of(),
        new Change(pr.changeId(), pr.openedAt(), pr.firstReviewAt(), pr.mergedAt(), commits));
  }

  /**
   * A {@code deploy} naming what it shipped: the commits reachable from its sha and not shipped by
   * an earlier deploy of the service to the environment, a merged pull request's commits by the
   * pull request. {@code notes} gets what could not be known.
   */
  Event deployed(Repository repository, String eventId, Deployment deployment, List<String> notes) {
    PushHistory.Shipped shipped =
        history.deployed(
            repository.id(),
            repository.owner().service() + "\n" + deployment.environment(),
            deployment.sha(),
            deployment.deployId(),
            deployment.finishedAt(),
            deployment.status() == Deploy.Status.SUCCESS);
    if (!shipped.deployedShaKnown()) {
      String note =
          "deployed sha "
              + deployment.sha()
              + " of "
              + repository.fullName()
              + " was never pushed to ingest (or before its push history begins): the deploy"
              + " names only that commit";
      log.warn("{}: {}", tool, note);
      notes.add(note);
    }
    if (shipped.reachedLimit()) {
      notes.add(
          "the deploy reaches more than "
              + PushHistory.MAX_COMMITS_PER_DEPLOY
              + " unshipped commits; it names the newest of them");
    }
    Set<String> changeIds = new LinkedHashSet<>();
    for (String sha : shipped.shas()) {
      String pullRequest = history.pullRequestOf(repository.id(), sha);
      changeIds.add(pullRequest == null ? sha : pullRequest);
    }
    return event(
        eventId,
        EventType.DEPLOY,
        deployment.finishedAt(),
        deployment.actor(),
        repository,
        Map.of("sha", deployment.sha()),
        new Deploy(
            deployment.deployId(),
            deployment.environment(),
            deployment.status(),
            deployment.startedAt(),
            List.copyOf(changeIds),
            List.of()));
  }

  private Event event(
      String id,
      EventType type,
      Instant time,
      String actor,
      Repository repository,
      Map<String, Object> extra,
      EventBody body) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("repository", repository.fullName());
    attributes.putAll(extra);
    return new Event(
        id,
        type,
        time,
        repository.owner().team(),
        actor,
        repository.owner().service(),
        tool,
        attributes,
        body);
  }
}
