package dev.paved.jobs.onboarding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyed state of {@link DeveloperOnboarding}: one developer. A plain Flink POJO; only the
 * calculator changes it.
 */
public class OnboardingState {

  public String actor;

  /** Their {@code joined} and {@code left} events, one per event id. */
  public List<MembershipReport> memberships = new ArrayList<>();

  /**
   * The changes they authored that can still matter: once the join is known, the ten earliest
   * authored at or after it and the earliest deployed; before, the earliest 1,000.
   */
  public List<AuthoredChange> changes = new ArrayList<>();

  /** The version of the last facts emitted; 0 before the first. */
  public long version;

  /** The latest event time absorbed; null before the first input. */
  public Instant clock;

  /**
   * The calculator's rows as of the last change it made, so the next input and the expiry need not
   * derive them again; null when unknown. Not part of the state Flink stores (transient): after a
   * restore or a copy it is derived again.
   */
  transient List<MilestoneFact> derived;
}
