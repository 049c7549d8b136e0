package dev.paved.ingest.synthetic;

import java.util.List;

/** Developers joining, moving between teams and leaving, as the HR system reports them. */
final class Workforce {
  /** Where new developers first ask for help. */
  private static final List<String> FIRST_QUESTIONS = List.of("access", "docs", "service-template");

  private static final double NEWCOMER_QUESTION = 0.35;

  private final Outbox outbox;
  private final Ids ids;
  private final Dice dice;
  private final Roster roster;
  private final SupportDesk desk;

  Workforce(Outbox outbox, Ids ids, Dice dice, Roster roster, SupportDesk desk) {
    this.outbox = outbox;
    this.ids = ids;
    this.dice = dice;
    this.roster = roster;
    this.desk = desk;
  }

  void onDay(Day day) {
    for (Developer developer : roster.developers()) {
      if (developer.joinDay() == day.index()) {
        send(developer, "joined", developer.joinedAt());
        if (developer.joinDay() > 0 && dice.chance(NEWCOMER_QUESTION)) {
          long at = developer.joinedAt() + (long) dice.between(Day.SECONDS, 6 * Day.SECONDS);
          desk.open(developer, dice.pick(FIRST_QUESTIONS), "question", at);
        }
      }
      if (developer.moveDay() == day.index()) {
        developer.move(dice);
        send(developer, "moved", day.at(developer.team(), 9 + dice.uniform()));
      }
      if (developer.leaveDay() == day.index()) {
        send(developer, "left", day.at(developer.team(), 17 + dice.uniform()));
      }
    }
  }

  private void send(Developer developer, String action, long at) {
    outbox.send(
        at,
        new EventLine(ids.event("hris"), "developer", at, "hris")
            .text("actor", developer.id())
            .text("action", action)
            .text("team", developer.team().slug())
            .bytes());
  }
}
