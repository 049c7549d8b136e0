package dev.paved.ingest.synthetic;

import java.util.List;

/** Tickets to the platform team, with their resolution and the occasional reopening. */
final class SupportDesk {
  static final List<String> AREAS =
      List.of(
          "env-provisioning",
          "database-provisioning",
          "ci-pipeline",
          "secrets",
          "service-template",
          "kubernetes",
          "observability",
          "access",
          "dns");
  private static final List<String> KINDS = List.of("request", "problem", "question");
  private static final double[] KIND_WEIGHTS = {0.4, 0.35, 0.25};
  private static final List<String> PRIORITIES = List.of("normal", "low", "high", "urgent");
  private static final double[] PRIORITY_WEIGHTS = {0.5, 0.3, 0.15, 0.05};
  private static final double NEVER_RESOLVED = 0.04;
  private static final double REOPENED = 0.07;

  private final Outbox outbox;
  private final Ids ids;
  private final Dice dice;
  private int tickets;

  SupportDesk(Outbox outbox, Ids ids, Dice dice) {
    this.outbox = outbox;
    this.ids = ids;
    this.dice = dice;
  }

  /** A ticket on any area, of any kind. */
  void openAny(Developer developer, long at) {
    open(developer, dice.pick(AREAS), KINDS.get(dice.weighted(KIND_WEIGHTS)), at);
  }

  void open(Developer developer, String feature, String kind, long at) {
    Ticket ticket =
        new Ticket(
            "PLAT-" + ++tickets,
            developer.team().slug(),
            developer.id(),
            feature,
            PRIORITIES.get(dice.weighted(PRIORITY_WEIGHTS)),
            kind);
    send(ticket, "opened", at);
    if (dice.chance(NEVER_RESOLVED)) {
      return;
    }
    long resolved = at + (long) dice.logNormal(medianHours(kind) * 3600, 1.0);
    send(ticket, "resolved", resolved);
    if (dice.chance(REOPENED)) {
      long reopened = resolved + (long) dice.between(4 * 3600, 72 * 3600);
      send(ticket, "reopened", reopened);
      send(ticket, "resolved", reopened + (long) dice.logNormal(10 * 3600, 1.0));
    }
  }

  private record Ticket(
      String id, String team, String actor, String feature, String priority, String kind) {}

  /** Questions are answered fast; requests wait in the queue that self-service should replace. */
  private static double medianHours(String kind) {
    return switch (kind) {
      case "request" -> 30;
      case "problem" -> 16;
      default -> 5;
    };
  }

  private void send(Ticket ticket, String action, long at) {
    outbox.send(
        at,
        new EventLine(ids.event("jira"), "ticket", at, "jira")
            .text("ticket_id", ticket.id())
            .text("action", action)
            .text("team", ticket.team())
            .text("actor", ticket.actor())
            .text("feature", ticket.feature())
            .text("priority", ticket.priority())
            .text("kind", ticket.kind())
            .bytes());
  }
}
