package dev.paved.jobs.workflows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyed state of {@link WorkflowAttempts}: one run's events. A plain Flink POJO; only the
 * calculator changes it.
 */
public class AttemptState {

  public String runId;

  public String feature;

  public List<RunEvent> events = new ArrayList<>();

  /** Declared abandoned by the inactivity timer and not revived since. */
  public boolean abandoned;

  /** The version of the last fact emitted; 0 before the first. */
  public long version;

  /** The latest event time absorbed; null before the first event. */
  public Instant clock;
}
