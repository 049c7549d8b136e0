package dev.paved.ingest.synthetic;

import java.time.LocalDate;
import java.util.List;

/**
 * The quarterly developer-experience survey: csat, nps and ease of delivery, answered by most
 * developers within two weeks, some anonymously. Scores follow the team's mood, its delivery tier
 * and, for some teams, a trend across quarters that a significance test should find.
 */
final class Surveys {
  private static final int FIRST_LAUNCH_DAY = 10;
  private static final int QUARTER_DAYS = 91;
  private static final double RESPONSE_RATE = 0.6;
  private static final double ANONYMOUS = 0.2;
  private static final double COMMENTED = 0.12;

  private record Question(String name, int min, int max) {}

  private static final List<Question> QUESTIONS =
      List.of(
          new Question("csat", 1, 5),
          new Question("nps", 0, 10),
          new Question("ease_of_delivery", 1, 7));
  private static final List<String> PRAISE =
      List.of(
          "the service template saves us days",
          "deploys are boring now, in a good way",
          "docs are finally findable",
          "platform team answers fast");
  private static final List<String> COMPLAINTS =
      List.of(
          "waiting for environment approvals kills our flow",
          "CI is slow and flaky",
          "too many steps to get a database",
          "hard to find who owns what",
          "secrets access policies are confusing");

  private final Outbox outbox;
  private final Ids ids;
  private final Dice dice;
  private final Roster roster;

  Surveys(Outbox outbox, Ids ids, Dice dice, Roster roster) {
    this.outbox = outbox;
    this.ids = ids;
    this.dice = dice;
    this.roster = roster;
  }

  void onDay(Day day) {
    int since = day.index() - FIRST_LAUNCH_DAY;
    if (since < 0 || since % QUARTER_DAYS != 0) {
      return;
    }
    int wave = since / QUARTER_DAYS;
    LocalDate date = LocalDate.ofEpochDay(day.start() / Day.SECONDS);
    String surveyId = "dx-" + date.getYear() + "-q" + ((date.getMonthValue() - 1) / 3 + 1);
    for (Developer developer : roster.developers()) {
      if (developer.activeOn(day) && dice.chance(RESPONSE_RATE)) {
        respond(developer, surveyId, wave, day);
      }
    }
  }

  private void respond(Developer developer, String surveyId, int wave, Day launch) {
    Team team = developer.team();
    int daysLater = (int) Math.min(dice.exponential(2.5), 13);
    long at = launch.plusDays(daysLater).duringWork(team, dice);
    boolean anonymous = dice.chance(ANONYMOUS);
    double feeling = team.mood() + team.tier().moodBonus() + team.trend() * wave + developer.mood();
    for (Question question : QUESTIONS) {
      double satisfied = 1 / (1 + StrictMath.exp(-(0.8 + feeling + 0.5 * dice.gaussian())));
      double value =
          question.min() + satisfied * (question.max() - question.min()) + 0.6 * dice.gaussian();
      long score = Math.max(question.min(), Math.min(question.max(), Math.round(value)));
      String comment = null;
      if (!question.name().equals("nps") && dice.chance(COMMENTED)) {
        comment = dice.pick(satisfied > 0.6 ? PRAISE : COMPLAINTS);
      }
      outbox.send(
          at,
          new EventLine(ids.event("surveys"), "survey", at, "surveys")
              .text("survey_id", surveyId)
              .text("question", question.name())
              .number("score", score)
              .number("scale_min", question.min())
              .number("scale_max", question.max())
              .text("team", team.slug())
              .text("actor", anonymous ? null : developer.id())
              .text("comment", comment)
              .bytes());
      at += (long) dice.between(5, 40);
    }
  }
}
