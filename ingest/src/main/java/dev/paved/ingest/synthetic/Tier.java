package dev.paved.ingest.synthetic;

import java.time.DayOfWeek;

/**
 * How well a team delivers, in the DORA sense. Each parameter below lists its value for elite,
 * high, medium and low teams, so that the metrics find the spread the DORA report describes: elite
 * teams deploy many times a day with hours of lead time, low ones every other week with weeks.
 */
enum Tier {
  ELITE,
  HIGH,
  MEDIUM,
  LOW;

  private static final double[] ELITE_SLOTS = {10.0, 11.5, 13.0, 14.5, 16.0, 17.5};
  private static final double[] HIGH_SLOTS = {10.5, 13.5, 16.5};
  private static final double[] MEDIUM_SLOT = {14.0};
  private static final double[] LOW_SLOT = {15.0};
  private static final double[] NO_SLOTS = {};

  /** Share of the organisation's teams. */
  double share() {
    return pick(0.15, 0.35, 0.35, 0.15);
  }

  /** Changes a developer authors on a workday. */
  double changesPerDay() {
    return pick(2.5, 2.3, 2.1, 1.8);
  }

  /** Share of changes made through a pull request rather than committed directly. */
  double pullRequestShare() {
    return pick(0.65, 0.8, 0.85, 0.85);
  }

  /** Median hours from the first commit to opening the pull request. */
  double codingHours() {
    return pick(1.5, 4, 14, 30);
  }

  /** Median hours from opening to the first review. */
  double pickupHours() {
    return pick(0.6, 3, 16, 50);
  }

  /** Median hours from the first review to the merge. */
  double reviewHours() {
    return pick(0.8, 4, 20, 60);
  }

  /** Local hours at which the team deploys a service that has changes waiting. */
  double[] deploySlots(Day day, Service service) {
    DayOfWeek weekday = day.weekday();
    return switch (this) {
      case ELITE -> ELITE_SLOTS;
      case HIGH -> HIGH_SLOTS;
      // Half of the services deploy Tuesday and Thursday, the others Monday and Wednesday.
      case MEDIUM -> {
        boolean even = service.index() % 2 == 0;
        boolean today =
            even
                ? weekday == DayOfWeek.TUESDAY || weekday == DayOfWeek.THURSDAY
                : weekday == DayOfWeek.MONDAY || weekday == DayOfWeek.WEDNESDAY;
        yield today ? MEDIUM_SLOT : NO_SLOTS;
      }
      case LOW ->
          weekday == DayOfWeek.WEDNESDAY && (day.epochWeek() + service.index()) % 2 == 0
              ? LOW_SLOT
              : NO_SLOTS;
    };
  }

  /** Chance that a slot with waiting changes is used. */
  double slotUse() {
    return pick(0.85, 0.75, 0.9, 0.9);
  }

  /** Chance that a production deploy fails or is rolled back. */
  double failureRate() {
    return pick(0.05, 0.1, 0.15, 0.28);
  }

  /**
   * Chance of another attempt the same day after a failed deploy; elite teams wait for the next
   * slot.
   */
  double retryChance() {
    return pick(0, 0.6, 0.6, 0.5);
  }

  /** Chance that a successful deploy still causes an incident. */
  double incidentAfterSuccess() {
    return pick(0.01, 0.025, 0.05, 0.08);
  }

  /** Median hours to resolve an incident. */
  double recoveryHours() {
    return pick(0.6, 4, 30, 120);
  }

  /** Median days from a new developer's join to their first change. */
  double onboardingDays() {
    return pick(3, 5, 9, 16);
  }

  /** Share of services that deploy to staging before production. */
  double stagingShare() {
    return pick(0.1, 0.4, 0.8, 1.0);
  }

  /** How much better (or worse) the team feels about the platform in surveys. */
  double moodBonus() {
    return pick(0.4, 0.15, -0.1, -0.4);
  }

  private double pick(double elite, double high, double medium, double low) {
    return switch (this) {
      case ELITE -> elite;
      case HIGH -> high;
      case MEDIUM -> medium;
      case LOW -> low;
    };
  }
}
