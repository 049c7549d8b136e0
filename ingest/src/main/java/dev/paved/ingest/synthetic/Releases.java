package dev.paved.ingest.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * Deploys of each service at its team's rhythm, shipping the changes that are ready, sometimes
 * through staging first; failures and rollbacks, same-day retries, and the incidents deploys cause.
 */
final class Releases {
  private static final double STAGING_FAILURE = 0.06;
  private static final double ROLLED_BACK_SHARE = 0.4;
  private static final int MAX_ATTEMPTS = 3;

  /** Chance per service and day of an incident that no deploy caused. */
  private static final double BACKGROUND_INCIDENT = 0.0012;

  private static final double NEVER_RESOLVED = 0.015;
  private static final List<String> SEVERITIES = List.of("sev1", "sev2", "sev3", "sev4");
  private static final double[] SEVERITY_WEIGHTS = {0.05, 0.2, 0.45, 0.3};

  /** Severe incidents get everyone on them; minor ones wait. */
  private static final double[] SEVERITY_RECOVERY = {0.5, 0.8, 1, 2};

  private final Outbox outbox;
  private final Ids ids;
  private final Dice dice;
  private final Roster roster;
  private int incidents;

  Releases(Outbox outbox, Ids ids, Dice dice, Roster roster) {
    this.outbox = outbox;
    this.ids = ids;
    this.dice = dice;
    this.roster = roster;
  }

  void onDay(Day day) {
    for (Team team : roster.teams()) {
      for (Service service : team.services()) {
        if (day.workday()) {
          for (double hour : team.tier().deploySlots(day, service)) {
            slot(service, day, hour);
          }
        }
        if (service.existsAt(day.start()) && dice.chance(BACKGROUND_INCIDENT)) {
          open(service, null, day.start() + dice.below((int) Day.SECONDS));
        }
      }
    }
  }

  private void slot(Service service, Day day, double hour) {
    Tier tier = service.team().tier();
    long at = day.at(service.team(), hour + dice.between(-0.3, 0.3));
    if (!dice.chance(tier.slotUse())) {
      return;
    }
    long stagingLead = service.staging() ? (long) dice.between(1800, 4800) : 0;
    List<PendingChange> batch = service.readyBy(at - stagingLead);
    if (batch.isEmpty()) {
      return;
    }
    if (service.staging()) {
      boolean passed = !dice.chance(STAGING_FAILURE);
      deploy(service, "staging", at - stagingLead, passed ? "success" : "failure", batch);
      if (!passed) {
        return;
      }
    }
    long attemptAt = at;
    for (int attempt = 1; ; attempt++) {
      String status = status(tier);
      String deployId = deploy(service, service.productionEnvironment(), attemptAt, status, batch);
      incidentsAfter(service, deployId, attemptAt, status);
      if (status.equals("success")) {
        service.shipped(batch);
        return;
      }
      if (attempt == MAX_ATTEMPTS || !dice.chance(tier.retryChance())) {
        return;
      }
      attemptAt += (long) dice.between(3600, 3 * 3600);
    }
  }

  private String status(Tier tier) {
    if (!dice.chance(tier.failureRate())) {
      return "success";
    }
    return dice.chance(ROLLED_BACK_SHARE) ? "rolled_back" : "failure";
  }

  private String deploy(
      Service service, String environment, long at, String status, List<PendingChange> batch) {
    String deployId = service.nextDeploy();
    long duration = (long) dice.between(180, service.team().tier() == Tier.ELITE ? 480 : 1500);
    String source = service.inlineChanges() ? "jenkins" : "argo";
    EventLine line =
        new EventLine(ids.event(source), "deploy", at, source)
            .text("deploy_id", deployId)
            .text("service", service.slug())
            .text("team", service.team().slug())
            .text("environment", environment)
            .text("status", status)
            .time("started_at", at - duration);
    if (service.inlineChanges()) {
      line.startObjects("changes");
      for (PendingChange change : batch) {
        line.startObject()
            .text("change_id", change.changeId())
            .time("time", change.time())
            .text("actor", change.actor())
            .endObject();
      }
      line.endObjects();
    } else {
      List<String> references = new ArrayList<>(batch.size());
      for (PendingChange change : batch) {
        references.add(change.reference());
      }
      line.texts("change_ids", references);
    }
    outbox.send(at, line.bytes());
    return deployId;
  }

  /**
   * Rollbacks often come with an incident that names the deploy. After a success, an incident may
   * name the deploy, name only the service within hours (attribution is then inferred), or come too
   * late for any attribution.
   */
  private void incidentsAfter(Service service, String deployId, long at, String status) {
    switch (status) {
      case "rolled_back" -> {
        if (dice.chance(0.45)) {
          open(service, deployId, at + (long) dice.between(60, 900));
        }
      }
      case "failure" -> {
        if (dice.chance(0.1)) {
          open(service, deployId, at + (long) dice.between(60, 900));
        }
      }
      default -> {
        if (dice.chance(service.team().tier().incidentAfterSuccess())) {
          double roll = dice.uniform();
          if (roll < 0.5) {
            open(service, deployId, at + (long) dice.between(600, 6 * 3600));
          } else if (roll < 0.85) {
            open(service, null, at + (long) dice.between(600, 20 * 3600));
          } else {
            open(service, null, at + (long) dice.between(26 * 3600, 60 * 3600));
          }
        }
      }
    }
  }

  private void open(Service service, String causedBy, long at) {
    String id = "INC-" + ++incidents;
    int severity = dice.weighted(SEVERITY_WEIGHTS);
    // Some alerting integrations know the service but not its owner.
    String team = dice.chance(0.7) ? service.team().slug() : null;
    send(id, "opened", service, team, causedBy, SEVERITIES.get(severity), at);
    if (dice.chance(NEVER_RESOLVED)) {
      return;
    }
    double median = service.team().tier().recoveryHours() * 3600 * SEVERITY_RECOVERY[severity];
    long resolved = at + 120 + (long) dice.logNormal(median, 0.9);
    send(id, "resolved", service, team, null, SEVERITIES.get(severity), resolved);
  }

  private void send(
      String id,
      String action,
      Service service,
      String team,
      String causedBy,
      String severity,
      long at) {
    outbox.send(
        at,
        new EventLine(ids.event("pagerduty"), "incident", at, "pagerduty")
            .text("incident_id", id)
            .text("action", action)
            .text("service", service.slug())
            .text("team", team)
            .text("caused_by_deploy", causedBy)
            .text("severity", severity)
            .bytes());
  }
}
