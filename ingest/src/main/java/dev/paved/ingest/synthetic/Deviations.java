package dev.paved.ingest.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * Teams walking off the golden path. Most deviations are planted in clusters: several teams leave
 * the same way and say why in different words that mean the same, which the clustering must group;
 * the rest are unrelated one-offs it must keep apart. Some teams return to the path later.
 */
final class Deviations {
  /** Which part of the golden path a team left, and for what. */
  private record Route(String component, String goldenPath, String actual) {}

  private record Cluster(Route route, double share, int minimum, List<String> reasons) {}

  private record Stray(Route route, String reason) {}

  private static final List<Cluster> CLUSTERS =
      List.of(
          new Cluster(
              new Route("ci", "platform-ci", "github-actions"),
              0.05,
              3,
              List.of(
                  "need GPU runners",
                  "GPU runner support missing",
                  "our ML builds need GPUs",
                  "no GPU runners on platform CI",
                  "model training builds need GPU runners")),
          new Cluster(
              new Route("database", "managed-postgres", "self-hosted-mongodb"),
              0.04,
              3,
              List.of(
                  "document model needed",
                  "we need a document database for the catalog",
                  "document model fits our data better",
                  "schemaless document store needed")),
          new Cluster(
              new Route("deploy", "argo-rollouts", "jenkins-custom"),
              0.04,
              3,
              List.of(
                  "legacy Jenkins plugins",
                  "depends on legacy Jenkins plugins",
                  "legacy Jenkins plugins for release approvals",
                  "our release needs custom Jenkins plugins")),
          new Cluster(
              new Route("runtime", "kubernetes", "aws-lambda"),
              0.03,
              3,
              List.of(
                  "scale to zero for spiky event workloads",
                  "event driven workloads need scale to zero",
                  "bursty event processing cheaper with scale to zero")),
          // Too few teams to be flagged as a "widen the golden path" candidate.
          new Cluster(
              new Route("observability", "platform-otel", "datadog"),
              0.01,
              2,
              List.of("need vendor APM features", "vendor APM traces needed")));

  private static final List<Stray> STRAYS =
      List.of(
          new Stray(
              new Route("secrets", "vault", "aws-secrets-manager"),
              "acquired team still on their old AWS account"),
          new Stray(
              new Route("observability", "platform-otel", "new-relic"), "contract runs until Q3"),
          new Stray(
              new Route("runtime", "kubernetes", "ecs-fargate"), "migration planned next quarter"),
          new Stray(
              new Route("ci", "platform-ci", "circleci"), "monorepo build cache is faster there"),
          new Stray(
              new Route("database", "managed-postgres", "dynamodb"),
              "single digit latency at any scale"),
          new Stray(
              new Route("deploy", "argo-rollouts", "helm-manual"),
              "chart too customised for templates"),
          new Stray(
              new Route("secrets", "vault", "sops"),
              "secrets must live in the repository for audit"),
          new Stray(
              new Route("observability", "platform-otel", "elastic-apm"),
              "security team mandates their SIEM"),
          new Stray(
              new Route("runtime", "kubernetes", "bare-metal"), "latency sensitive trading engine"),
          new Stray(new Route("ci", "platform-ci", "buildkite"), "mobile builds need macOS agents"),
          new Stray(
              new Route("database", "managed-postgres", "cockroachdb"),
              "multi region writes required"),
          new Stray(
              new Route("deploy", "argo-rollouts", "spinnaker"),
              "inherited pipelines from an acquisition"));

  private static final double STRAY_SHARE = 0.04;

  /** Every fourth deviation ends, so that even a small organisation sees one end. */
  private static final int ENDS_EVERY = 4;

  /** Deviations start during the first 85% of the period, so the last month shows growth. */
  private static final double START_SPAN = 0.85;

  private final OrganisationShape shape;
  private final Outbox outbox;
  private final Ids ids;
  private final Dice dice;
  private int planted;

  private Deviations(OrganisationShape shape, Outbox outbox, Ids ids, Dice dice) {
    this.shape = shape;
    this.outbox = outbox;
    this.ids = ids;
    this.dice = dice;
  }

  /** Sends every deviation of the period; call before its first day is delivered. */
  static void plant(OrganisationShape shape, Roster roster, Outbox outbox, Ids ids, Dice dice) {
    Deviations deviations = new Deviations(shape, outbox, ids, dice);
    List<Team> teams = roster.teams();
    for (Cluster cluster : CLUSTERS) {
      int members =
          Math.min(
              teams.size(),
              Math.max(cluster.minimum(), (int) Math.round(cluster.share() * teams.size())));
      List<Team> shuffled = new ArrayList<>(teams);
      dice.shuffle(shuffled);
      for (int i = 0; i < members; i++) {
        String reason = cluster.reasons().get(i % cluster.reasons().size());
        deviations.deviate(shuffled.get(i), cluster.route(), reason);
      }
    }
    // Drawn without replacement, so that each stray stands alone.
    List<Stray> strays = new ArrayList<>(STRAYS);
    dice.shuffle(strays);
    int count = Math.max(2, (int) Math.round(STRAY_SHARE * teams.size()));
    for (int i = 0; i < Math.min(count, strays.size()); i++) {
      Stray stray = strays.get(i);
      deviations.deviate(dice.pick(teams), stray.route(), stray.reason());
    }
  }

  private void deviate(Team team, Route route, String reason) {
    Day day = Day.of(shape, dice.below(Math.max(1, (int) (shape.days() * START_SPAN))));
    long at = day.duringWork(team, dice);
    Service service = dice.pick(team.services());
    // Returns to the path take a sizeable part of the period, so that short periods show some too.
    double lasts = dice.between(0.15, 0.5) * shape.days() * Day.SECONDS;
    long endedAt = ++planted % ENDS_EVERY == 0 ? at + (long) lasts : -1;
    if (route.component().equals("ci")) {
      service.leavePlatformCi(at, endedAt < 0 ? Long.MAX_VALUE : endedAt);
    }
    // "started" is the default action: half the senders leave it out.
    String started = dice.chance(0.5) ? "started" : null;
    send(team, service, route, reason, started, at);
    if (endedAt >= 0) {
      send(team, service, route, null, "ended", endedAt);
    }
  }

  private void send(
      Team team, Service service, Route route, String reason, String action, long at) {
    outbox.send(
        at,
        new EventLine(ids.event("backstage"), "deviation", at, "backstage")
            .text("team", team.slug())
            .text("service", service.slug())
            .text("component", route.component())
            .text("golden_path", route.goldenPath())
            .text("actual", route.actual())
            .text("reason", reason)
            .text("action", action)
            .bytes());
  }
}
