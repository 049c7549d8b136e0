package dev.paved.ingest.synthetic;

import java.util.List;

/**
 * What developers do with the platform on a day besides shipping code: single-use features,
 * workflows started from the portal (a completed service template creates a service), and tickets.
 */
final class PlatformUsage {
  static final List<String> SINGLE_USE_FEATURES = List.of("service-catalog", "docs", "secrets");

  /** Uses on a workday by a developer of average habit, per single-use feature. */
  private static final double[] SINGLE_USE_RATES = {3.0, 2.0, 1.5};

  private static final List<Workflow> PORTAL_WORKFLOWS =
      List.of(
          Workflow.SERVICE_TEMPLATE,
          Workflow.ENV_PROVISIONING,
          Workflow.DATABASE_PROVISIONING,
          Workflow.SECRETS);
  private static final List<String> TEMPLATES =
      List.of("java-spring", "go-grpc", "node-web", "python-fastapi");
  private static final double DEPLOYED_TEMPLATE_SHARE = 0.4;
  private static final double WEEKEND = 0.04;
  private static final double TICKETS_PER_DAY = 0.006;

  private final Outbox outbox;
  private final Ids ids;
  private final Dice dice;
  private final WorkflowRuns runs;
  private final SupportDesk desk;
  private final CodeFlow code;
  private final Roster roster;

  PlatformUsage(
      Outbox outbox,
      Ids ids,
      Dice dice,
      WorkflowRuns runs,
      SupportDesk desk,
      CodeFlow code,
      Roster roster) {
    this.outbox = outbox;
    this.ids = ids;
    this.dice = dice;
    this.runs = runs;
    this.desk = desk;
    this.code = code;
    this.roster = roster;
  }

  void onDay(Developer developer, Day day) {
    Team team = developer.team();
    double pace = day.workday() ? 1 : WEEKEND;
    for (int feature = 0; feature < SINGLE_USE_FEATURES.size(); feature++) {
      int uses = dice.poisson(SINGLE_USE_RATES[feature] * developer.habit(feature, day) * pace);
      for (int i = 0; i < uses; i++) {
        long at = day.duringWork(team, dice);
        outbox.send(
            at,
            new EventLine(ids.event("backstage"), "usage", at, "backstage")
                .text("actor", developer.id())
                .text("team", team.slug())
                .text("feature", SINGLE_USE_FEATURES.get(feature))
                .text("action", "used")
                .bytes());
      }
    }
    for (Workflow workflow : PORTAL_WORKFLOWS) {
      if (dice.chance(workflow.dailyRate() * pace)) {
        start(developer, workflow, day.duringWork(team, dice));
      }
    }
    if (dice.chance(TICKETS_PER_DAY * pace)) {
      desk.openAny(developer, day.duringWork(team, dice));
    }
  }

  private void start(Developer developer, Workflow workflow, long at) {
    if (workflow != Workflow.SERVICE_TEMPLATE) {
      runs.play(developer, workflow, at);
      return;
    }
    // The service is named when the run starts, so that bootstrap time can follow it to its deploy.
    Team team = developer.team();
    String slug = roster.reserveServiceName(team, dice);
    long completed =
        runs.play(developer, workflow, at, "service", slug, "template", dice.pick(TEMPLATES));
    // Many completed templates are experiments and libraries that never reach production.
    if (completed >= 0 && dice.chance(DEPLOYED_TEMPLATE_SHARE)) {
      Service service = roster.addService(team, slug, completed, dice);
      developer.adopt(service);
      code.commit(developer, service, completed + (long) dice.between(300, 1800));
    }
  }
}
