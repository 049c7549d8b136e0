package dev.paved.jobs.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyed state of {@link CommitAliases}: everything known about one sha ({@code service + sha}). A
 * plain Flink POJO; only {@link CommitAliases} changes it.
 */
public class CommitAliasState {

  /** The changes whose {@code commit_ids} list the sha, each once. */
  public List<String> aliases = new ArrayList<>();

  /** The shipments that named the sha, one per deploy event id, kept for aliases still to come. */
  public List<Shipment> references = new ArrayList<>();

  /** The latest event time absorbed; null before the first input. */
  public Instant clock;
}
