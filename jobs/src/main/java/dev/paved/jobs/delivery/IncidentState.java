package dev.paved.jobs.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyed state of {@link RecoveryTime}: the events of one incident. A plain Flink POJO; only the
 * calculator changes it.
 */
public class IncidentState {

  public String incidentId;

  /** Its {@code opened} and {@code resolved} events, one per event id. */
  public List<IncidentReport> reports = new ArrayList<>();

  /** The version of the last fact emitted; 0 before the first. */
  public long version;

  /** The latest event time absorbed; null before the first input. */
  public Instant clock;
}
