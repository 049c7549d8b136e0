package dev.paved.jobs.workflows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyed state of {@link TicketFollowUps}: one developer's abandoned attempts of one feature and
 * their opened tickets on it, while they can still pair. A plain Flink POJO.
 */
public class FollowUpState {

  /** The abandoned attempts, the latest fact of each run. */
  public List<AttemptFact> abandoned = new ArrayList<>();

  /** The follow-up last emitted per run (version 0), to emit only changes. */
  public List<FollowUpFact> emitted = new ArrayList<>();

  public List<OpenedTicket> tickets = new ArrayList<>();

  /** The version of the last fact emitted; 0 before the first. */
  public long version;

  /** The latest event time absorbed (attempts' last events, tickets' openings). */
  public Instant clock;
}
