package dev.paved.ingest.synthetic;

import java.util.ArrayList;
import java.util.List;

/** A service, how it is released, and the changes waiting for its next deploy. */
final class Service {
  private final String slug;
  private final Team team;
  private final int index;
  private final boolean inlineChanges;
  private final boolean staging;
  private final String productionEnvironment;
  private final long bornAt;
  private final List<PendingChange> pending = new ArrayList<>();
  private int pullRequests;
  private int deploys;
  private long offPlatformCiFrom = Long.MAX_VALUE;
  private long offPlatformCiUntil = Long.MAX_VALUE;

  /**
   * @param inlineChanges deployed by a tool that sends no change events, only inline changes
   * @param productionEnvironment the name its deploys give production; null when they omit it
   * @param bornAt when it came to exist; the start of the period for the initial ones
   */
  Service(
      String slug,
      Team team,
      int index,
      boolean inlineChanges,
      boolean staging,
      String productionEnvironment,
      long bornAt) {
    this.slug = slug;
    this.team = team;
    this.index = index;
    this.inlineChanges = inlineChanges;
    this.staging = staging;
    this.productionEnvironment = productionEnvironment;
    this.bornAt = bornAt;
  }

  String slug() {
    return slug;
  }

  Team team() {
    return team;
  }

  int index() {
    return index;
  }

  boolean inlineChanges() {
    return inlineChanges;
  }

  boolean staging() {
    return staging;
  }

  String productionEnvironment() {
    return productionEnvironment;
  }

  boolean existsAt(long time) {
    return bornAt <= time;
  }

  String nextPullRequest() {
    return slug + "#" + ++pullRequests;
  }

  String nextDeploy() {
    return slug + "/" + ++deploys;
  }

  void await(PendingChange change) {
    pending.add(change);
  }

  List<PendingChange> readyBy(long time) {
    List<PendingChange> ready = new ArrayList<>();
    for (PendingChange change : pending) {
      if (change.readyAt() <= time) {
        ready.add(change);
      }
    }
    return ready;
  }

  void shipped(List<PendingChange> batch) {
    pending.removeAll(batch);
  }

  /** A team that walked off the platform's CI for this service runs no pipelines on it. */
  void leavePlatformCi(long from, long until) {
    offPlatformCiFrom = from;
    offPlatformCiUntil = until;
  }

  boolean onPlatformCi(long time) {
    return time < offPlatformCiFrom || time >= offPlatformCiUntil;
  }
}
