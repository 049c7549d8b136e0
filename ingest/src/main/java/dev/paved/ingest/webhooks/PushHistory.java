package dev.paved.ingest.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What ingest knows of each repository's history from push webhooks, to tell which commits a deploy
 * shipped: every commit reachable from the deployed sha through pushed history and not shipped by
 * an earlier successful deploy of the same service and environment.
 *
 * <p>A push of commits {@code c1..cn} over {@code before} records {@code before ← c1 ← ... ← cn}:
 * the listed commits in order, the first one's parent being {@code before}. That is the order of
 * the push's {@code compare}, so it covers merges too (the merged commits come listed); only
 * reachability matters, not the exact graph. A forced push or a new branch gives the first commit
 * no known parent: a walk stops there. Pushes may arrive in any order: each records its own links.
 *
 * <p>Bounded: the least recently recorded commits, shipments and pull-request links go first when a
 * map holds {@code capacity} entries. Held in memory only, so a restart forgets it (see {@code
 * docs/webhooks.md}).
 */
final class PushHistory {
  /** Most commits one deploy names; beyond it the walk stops (a sign of a missing shipment). */
  static final int MAX_COMMITS_PER_DEPLOY = 10_000;

  private record Commit(String parent, String ref, Instant authoredAt) {}

  /**
   * The earliest successful deploy of a commit. It bounds later walks only if the commit's history
   * was known when it shipped ({@code boundary}): a deploy of a sha not pushed yet names that sha
   * alone, and a later deploy, which may know its ancestors by then, walks on through it.
   */
  private record Shipment(String deployId, Instant finishedAt, boolean boundary) {
    boolean before(Instant otherFinish, String otherDeploy) {
      int byTime = finishedAt.compareTo(otherFinish);
      return byTime < 0 || (byTime == 0 && deployId.compareTo(otherDeploy) < 0);
    }
  }

  /** The commits a deploy shipped, and why the walk stopped short where it did. */
  record Shipped(List<String> shas, boolean deployedShaKnown, boolean reachedLimit) {}

  private final Map<String, Commit> commits;
  private final Map<String, Shipment> shipments;
  private final Map<String, String> pullRequestOfCommit;

  PushHistory(int capacity) {
    this.commits = bounded(capacity);
    this.shipments = bounded(capacity);
    this.pullRequestOfCommit = bounded(capacity);
  }

  private static <V> Map<String, V> bounded(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > capacity;
      }
    };
  }

  private static String key(String repository, String sha) {
    return repository + "\n" + sha;
  }

  /**
   * Records a push to {@code ref}: {@code shas} in the order listed, over {@code before} ({@code
   * null} when the first one's parent is unknown: a forced push or a new branch).
   */
  synchronized void pushed(
      String repository, String ref, String before, List<String> shas, List<Instant> authoredAt) {
    String parent = before;
    for (int i = 0; i < shas.size(); i++) {
      String sha = shas.get(i);
      String key = key(repository, sha);
      Commit known = commits.get(key);
      // A sha names one commit, whose parent never changes: the first link recorded stays, unless
      // it was unknown. The ref is where it was first pushed (a pull request's branch).
      if (known == null || (known.parent() == null && parent != null)) {
        commits.put(
            key,
            new Commit(
                parent,
                known == null ? ref : known.ref(),
                known == null ? authoredAt.get(i) : known.authoredAt()));
      }
      parent = sha;
    }
  }

  /** The commits first pushed to {@code ref} that lead to {@code head}, newest first. */
  synchronized List<String> branchCommits(String repository, String ref, String head) {
    List<String> shas = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    String current = head;
    while (current != null && shas.size() < MAX_COMMITS_PER_DEPLOY && seen.add(current)) {
      Commit commit = commits.get(key(repository, current));
      if (commit == null || !ref.equals(commit.ref())) {
        break;
      }
      shas.add(current);
      current = commit.parent();
    }
    return shas;
  }

  /** When the earliest of {@code shas} known here was authored; null when none is known. */
  synchronized Instant earliestAuthored(String repository, List<String> shas) {
    Instant earliest = null;
    for (String sha : shas) {
      Commit commit = commits.get(key(repository, sha));
      if (commit != null
          && commit.authoredAt() != null
          && (earliest == null || commit.authoredAt().isBefore(earliest))) {
        earliest = commit.authoredAt();
      }
    }
    return earliest;
  }

  /** Records that the merged pull request {@code changeId} brought in {@code shas}. */
  synchronized void merged(String repository, String changeId, List<String> shas) {
    shas.forEach(sha -> pullRequestOfCommit.put(key(repository, sha), changeId));
  }

  /** The change id of the merged pull request that brought {@code sha}; null when none known. */
  synchronized String pullRequestOf(String repository, String sha) {
    return pullRequestOfCommit.get(key(repository, sha));
  }

  /**
   * The commits deploy {@code deployId} of {@code target} (a service and environment) shipped,
   * newest first: the deployed sha and its pushed ancestors, up to the first one shipped by a
   * deploy of the same target that finished earlier. A successful deploy records its commits as
   * shipped (keeping the earliest deploy of each), so later deploys stop at them; a failed one
   * records nothing, and the next deploy names its commits again. A redelivered deploy names the
   * same commits: its own shipments are no boundary.
   */
  synchronized Shipped deployed(
      String repository,
      String target,
      String sha,
      String deployId,
      Instant finishedAt,
      boolean success) {
    List<String> shas = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    String current = sha;
    boolean reachedLimit = false;
    while (current != null && seen.add(current)) {
      if (shas.size() == MAX_COMMITS_PER_DEPLOY) {
        reachedLimit = true;
        break;
      }
      Shipment earlier = shipments.get(key(repository, target + "\n" + current));
      if (earlier != null
          && earlier.boundary()
          && !earlier.deployId().equals(deployId)
          && earlier.before(finishedAt, deployId)) {
        break;
      }
      shas.add(current);
      Commit commit = commits.get(key(repository, current));
      current = commit == null ? null : commit.parent();
    }
    if (success) {
      for (String shipped : shas) {
        Shipment shipment =
            new Shipment(deployId, finishedAt, commits.containsKey(key(repository, shipped)));
        shipments.merge(
            key(repository, target + "\n" + shipped),
            shipment,
            (old, now) -> {
              Shipment first = old.before(now.finishedAt(), now.deployId()) ? old : now;
              return new Shipment(
                  first.deployId(), first.finishedAt(), old.boundary() || now.boundary());
            });
      }
    }
    return new Shipped(shas, commits.containsKey(key(repository, sha)), reachedLimit);
  }
}
