package dev.paved.ingest.synthetic;

/**
 * Plays attempts of platform workflows: {@code started}, a {@code step} event on entering each
 * step, {@code failed} with an error where a step fails, and {@code completed} unless the developer
 * gives up. A developer who gave up sometimes opens a ticket on the same feature within hours.
 */
final class WorkflowRuns {
  /** Chance of giving up after a failure rather than retrying the step. */
  private static final double GIVE_UP_AFTER_FAILURE = 0.45;

  private final Outbox outbox;
  private final Ids ids;
  private final Dice dice;
  private final SupportDesk desk;

  WorkflowRuns(Outbox outbox, Ids ids, Dice dice, SupportDesk desk) {
    this.outbox = outbox;
    this.ids = ids;
    this.dice = dice;
    this.desk = desk;
  }

  /**
   * Plays one attempt from {@code start}; {@code attributes} (name, value, ...) go on each of its
   * events. Returns when it completed, or -1 when it was abandoned.
   */
  long play(Developer developer, Workflow workflow, long start, String... attributes) {
    Attempt attempt = new Attempt(developer, workflow, attributes);
    attempt.send("started", null, null, start);
    long at = start + (long) dice.between(10, 60);
    for (Workflow.Step step : workflow.steps()) {
      attempt.send("step", step.name(), null, at);
      long stay = stay(step);
      if (dice.chance(step.failure())) {
        long failedAt = at + stay / 2;
        attempt.send("failed", step.name(), dice.pickSkewed(step.errors()), failedAt);
        if (dice.chance(GIVE_UP_AFTER_FAILURE)) {
          gaveUp(developer, workflow, failedAt, "problem");
          return -1;
        }
        at = failedAt + (long) dice.between(120, 1200);
        attempt.send("step", step.name(), null, at);
        stay = stay(step);
      }
      if (dice.chance(step.abandon())) {
        gaveUp(developer, workflow, at, workflow.ticketKind());
        return -1;
      }
      if (dice.chance(step.stall())) {
        // Longer than the 24 hours after which the attempt counts as abandoned: it revives.
        stay = (long) dice.between(26 * 3600, 96 * 3600);
      }
      at += stay;
    }
    attempt.send("completed", null, null, at);
    return at;
  }

  private long stay(Workflow.Step step) {
    return 5 + (long) dice.logNormal(step.medianMinutes() * 60, 0.7);
  }

  private void gaveUp(Developer developer, Workflow workflow, long lastEventAt, String kind) {
    if (dice.chance(workflow.ticketAfterAbandon())) {
      long at = lastEventAt + (long) dice.between(3600, 20 * 3600);
      desk.open(developer, workflow.feature(), kind, at);
    }
  }

  /** What every event of one attempt shares. */
  private final class Attempt {
    private final String actor;
    private final String team;
    private final Workflow workflow;
    private final String runId = ids.run();
    private final String[] attributes;

    Attempt(Developer developer, Workflow workflow, String[] attributes) {
      this.actor = developer.id();
      this.team = developer.team().slug();
      this.workflow = workflow;
      this.attributes = attributes;
    }

    void send(String action, String step, String error, long at) {
      EventLine line =
          new EventLine(ids.event(workflow.source()), "usage", at, workflow.source())
              .text("actor", actor)
              .text("team", team)
              .text("feature", workflow.feature())
              .text("action", action)
              .text("run_id", runId)
              .text("step", step)
              .text("error", error);
      if (attributes.length > 0) {
        line.startObject("attributes");
        for (int i = 0; i < attributes.length; i += 2) {
          line.text(attributes[i], attributes[i + 1]);
        }
        line.endObject();
      }
      outbox.send(at, line.bytes());
    }
  }
}
