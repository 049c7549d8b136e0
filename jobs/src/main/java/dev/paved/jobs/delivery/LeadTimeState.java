package dev.paved.jobs.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyed state of {@link LeadTimeCalculator}: everything known about one change ({@code service +
 * change_id}). A plain Flink POJO; only the calculator changes it.
 *
 * <p>It keeps every distinct input rather than a running result, so the result is the same in
 * whatever order the inputs arrived; a change has a handful of events and deploys, so this stays
 * small.
 */
public class LeadTimeState {

  /** The change's service and id, set by the first input. */
  public String service;

  public String changeId;

  /** The change's {@code change} events, one per event id. */
  public List<ChangeReport> changes = new ArrayList<>();

  /** The successful production deploys that shipped it, one per deploy event id. */
  public List<Shipment> shipments = new ArrayList<>();

  /**
   * The pull requests whose {@code commit_ids} list this change's id and that a deploy shipped
   * through it, each once: the change is then theirs ({@link ChangeLeadTime#supersededBy()}).
   */
  public List<String> claimedBy = new ArrayList<>();

  /** The version of the last fact emitted; 0 before the first. */
  public long version;

  /** The latest event time absorbed; null before the first input. */
  public Instant clock;
}
