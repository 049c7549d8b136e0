package dev.paved.ingest.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * Developers authoring changes: direct commits, and pull requests whose {@code change} event is
 * resent as it is reviewed and merged. Each change starts a pipeline run on the platform's CI and
 * then waits, on its service, for a deploy.
 */
final class CodeFlow {
  private static final double WEEKEND = 0.03;
  private static final double UNREVIEWED = 0.05;
  private static final double UNMERGED = 0.07;

  /** Share of reviewed pull requests whose review is sent as its own update. */
  private static final double REVIEW_UPDATE = 0.5;

  private static final double SQUASH = 0.6;

  /** Share of change events that reach the ingest a day or more late, after their deploy. */
  private static final double DELAYED = 0.012;

  private final Outbox outbox;
  private final Ids ids;
  private final Dice dice;
  private final WorkflowRuns runs;

  CodeFlow(Outbox outbox, Ids ids, Dice dice, WorkflowRuns runs) {
    this.outbox = outbox;
    this.ids = ids;
    this.dice = dice;
    this.runs = runs;
  }

  void onDay(Developer developer, Day day) {
    if (!developer.codes()) {
      return;
    }
    Team team = developer.team();
    double rate = team.tier().changesPerDay() * developer.pace() * (day.workday() ? 1 : WEEKEND);
    int changes = dice.poisson(rate);
    for (int i = 0; i < changes; i++) {
      long at = day.duringWork(team, dice);
      if (dice.chance(developer.ramp(at))) {
        Service service = developer.serviceFor(at, dice);
        if (dice.chance(team.tier().pullRequestShare()) && !service.inlineChanges()) {
          pullRequest(developer, service, at);
        } else {
          commit(developer, service, at);
        }
      }
    }
  }

  /** A commit pushed straight to the main branch. */
  void commit(Developer developer, Service service, long at) {
    String sha = ids.sha();
    long ready = at + (long) dice.between(900, 2700);
    service.await(new PendingChange(sha, sha, at, developer.id(), ready));
    // Services deployed by a tool that sends no change events learn of changes only inline.
    if (service.inlineChanges()) {
      return;
    }
    send(at, change(sha, service, developer, at).bytes());
    pipeline(developer, service, at + (long) dice.between(20, 90));
  }

  private void pullRequest(Developer developer, Service service, long at) {
    Tier tier = service.team().tier();
    String id = service.nextPullRequest();
    long opened = at + (long) dice.logNormal(tier.codingHours() * 3600, 0.8);
    long reviewed =
        dice.chance(UNREVIEWED)
            ? -1
            : opened + (long) dice.logNormal(tier.pickupHours() * 3600, 0.8);
    long merged =
        dice.chance(UNMERGED)
            ? -1
            : Math.max(opened, reviewed) + (long) dice.logNormal(tier.reviewHours() * 3600, 0.8);
    outbox.send(opened, change(id, service, developer, at).time("pr_opened_at", opened).bytes());
    pipeline(developer, service, opened + (long) dice.between(20, 90));
    if (reviewed >= 0 && (merged < 0 || dice.chance(REVIEW_UPDATE))) {
      outbox.send(
          reviewed,
          change(id, service, developer, at)
              .time("pr_opened_at", opened)
              .time("pr_first_review_at", reviewed)
              .bytes());
    }
    if (merged < 0) {
      return;
    }
    // A squash merge is deployed by its new sha; a merge commit, here, by the pull request's id.
    boolean squash = dice.chance(SQUASH);
    List<String> commits = new ArrayList<>();
    int branchCommits = squash ? 0 : 1 + dice.below(3);
    for (int i = 0; i <= branchCommits; i++) {
      commits.add(ids.sha());
    }
    send(
        merged,
        change(id, service, developer, at)
            .time("pr_opened_at", opened)
            .time("pr_first_review_at", reviewed)
            .time("pr_merged_at", merged)
            .texts("commit_ids", commits)
            .bytes());
    String reference = squash ? commits.get(0) : id;
    long ready = merged + (long) dice.between(600, 1800);
    service.await(new PendingChange(reference, id, at, developer.id(), ready));
  }

  private EventLine change(String changeId, Service service, Developer developer, long at) {
    return new EventLine(ids.event("github"), "change", at, "github")
        .text("change_id", changeId)
        .text("service", service.slug())
        .text("team", service.team().slug())
        .text("actor", developer.id());
  }

  private void send(long occurredAt, byte[] line) {
    if (dice.chance(DELAYED)) {
      outbox.sendLate(occurredAt, (long) dice.between(Day.SECONDS, 3 * Day.SECONDS), line);
    } else {
      outbox.send(occurredAt, line);
    }
  }

  private void pipeline(Developer developer, Service service, long at) {
    if (service.onPlatformCi(at)) {
      runs.play(developer, Workflow.CI_PIPELINE, at);
    }
  }
}
