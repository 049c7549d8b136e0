package dev.paved.jobs.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyed state of {@link DeployOutcomes}: one deploy's events and the incidents attributed to it. A
 * plain Flink POJO; only the calculator changes it.
 */
public class DeployOutcomeState {

  public String deployId;

  /** Its {@code deploy} events, one per event id. */
  public List<DeployReport> reports = new ArrayList<>();

  /** The incidents currently attributed to it: one entry per incident and kind. */
  public List<IncidentCause> causes = new ArrayList<>();

  /** The version of the last fact emitted; 0 before the first. */
  public long version;

  /** The latest event time absorbed; null before the first input. */
  public Instant clock;
}
