package dev.paved.ingest.synthetic;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The size and span of a synthetic organisation: how many teams, developers (everyone who is on the
 * roster at some point of the period) and services at the start, from which UTC midnight and for
 * how many whole days.
 */
public record OrganisationShape(
    int teams, int developers, int services, Instant start, Duration duration) {

  public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

  public OrganisationShape {
    if (teams < 1) {
      throw new IllegalArgumentException("teams must be at least 1, was " + teams);
    }
    if (developers < teams) {
      throw new IllegalArgumentException(
          "developers must be at least teams (" + teams + "), was " + developers);
    }
    if (services < teams) {
      throw new IllegalArgumentException(
          "services must be at least teams (" + teams + "), was " + services);
    }
    // Work hours are placed relative to the day's start, so days must begin at UTC midnight.
    if (!start.truncatedTo(ChronoUnit.DAYS).equals(start)) {
      throw new IllegalArgumentException("start must be a UTC midnight, was " + start);
    }
    if (duration.isNegative()
        || duration.toDays() < 1
        || !duration.equals(Duration.ofDays(duration.toDays()))) {
      throw new IllegalArgumentException(
          "duration must be a whole number of days, was " + duration);
    }
  }

  /** The reference data set of targets.md: about 10 million events over one year. */
  public static OrganisationShape reference() {
    return new OrganisationShape(200, 2_000, 1_500, DEFAULT_START, Duration.ofDays(365));
  }

  /** For demos and tests: a few tens of thousands of events over two months. */
  public static OrganisationShape small() {
    return new OrganisationShape(8, 60, 30, DEFAULT_START, Duration.ofDays(60));
  }

  /** For unit tests: a few thousand events over two weeks. */
  public static OrganisationShape tiny() {
    return new OrganisationShape(4, 16, 8, DEFAULT_START, Duration.ofDays(14));
  }

  public int days() {
    return (int) duration.toDays();
  }
}
