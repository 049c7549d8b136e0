package dev.paved.ingest.synthetic;

import java.util.ArrayList;
import java.util.List;

/** A developer: when they join, move and leave, how they work, and what they work on. */
final class Developer {
  static final int NEVER = Integer.MAX_VALUE;
  private static final long RAMP_UP = 25 * Day.SECONDS;

  /** How often a developer uses one single-use feature on a workday, and on which days. */
  record Habit(double rate, int fromDay, int untilDay) {}

  private final String id;
  private final int joinDay;
  private final long joinedAt;
  private final long firstChangeAt;
  private final boolean codes;
  private final double pace;
  private final double mood;
  private final List<Habit> habits;
  private final List<Service> home = new ArrayList<>();
  private Team team;
  private int moveDay = NEVER;
  private Team moveTo;
  private int leaveDay = NEVER;

  /**
   * @param firstChangeAt before it, the developer is onboarding and authors nothing
   * @param codes false for the developers who never author a change
   * @param pace how much more or less than their team's average they change
   * @param mood how they feel about the platform, relative to their team
   */
  Developer(
      String id,
      Team team,
      int joinDay,
      long joinedAt,
      long firstChangeAt,
      boolean codes,
      double pace,
      double mood,
      List<Habit> habits) {
    this.id = id;
    this.team = team;
    this.joinDay = joinDay;
    this.joinedAt = joinedAt;
    this.firstChangeAt = firstChangeAt;
    this.codes = codes;
    this.pace = pace;
    this.mood = mood;
    this.habits = habits;
  }

  String id() {
    return id;
  }

  Team team() {
    return team;
  }

  int joinDay() {
    return joinDay;
  }

  long joinedAt() {
    return joinedAt;
  }

  boolean codes() {
    return codes;
  }

  double pace() {
    return pace;
  }

  double mood() {
    return mood;
  }

  int moveDay() {
    return moveDay;
  }

  int leaveDay() {
    return leaveDay;
  }

  void planMove(int day, Team to) {
    moveDay = day;
    moveTo = to;
  }

  void planLeave(int day) {
    leaveDay = day;
  }

  boolean activeOn(Day day) {
    return day.index() >= joinDay && day.index() < leaveDay;
  }

  /** Switches to the planned team and its services. */
  void move(Dice dice) {
    team = moveTo;
    home.clear();
    chooseHome(dice);
  }

  /** Picks the two services of the team the developer mostly works on. */
  void chooseHome(Dice dice) {
    List<Service> candidates = new ArrayList<>(team.services());
    dice.shuffle(candidates);
    home.addAll(candidates.subList(0, Math.min(2, candidates.size())));
  }

  void adopt(Service service) {
    home.add(service);
  }

  /**
   * The share of their usual pace at which the developer changes code at a time: none while
   * onboarding, then growing over a few weeks, so that first and tenth changes take time to come.
   */
  double ramp(long time) {
    if (time < firstChangeAt) {
      return 0;
    }
    return Math.min(1, 0.35 + 0.65 * (time - firstChangeAt) / RAMP_UP);
  }

  /** Mostly one of their own services, sometimes another of the team's. */
  Service serviceFor(long time, Dice dice) {
    List<Service> pool = dice.chance(0.85) && !home.isEmpty() ? home : team.services();
    Service service = dice.pick(pool);
    return service.existsAt(time) ? service : team.services().get(0);
  }

  /** Expected uses of single-use feature {@code feature} on a workday {@code day}. */
  double habit(int feature, Day day) {
    Habit habit = habits.get(feature);
    return day.index() >= habit.fromDay() && day.index() < habit.untilDay() ? habit.rate() : 0;
  }
}
