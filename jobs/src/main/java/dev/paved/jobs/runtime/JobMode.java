package dev.paved.jobs.runtime;

/** How the one job graph reads the event log; everything after the source is the same. */
public enum JobMode {
  /**
   * Unbounded: follows new events as they are appended, checkpoints, resumes from its newest
   * checkpoint, else from the consumer group's committed offsets, else from the earliest.
   */
  STREAMING,
  /**
   * Bounded: from the earliest offsets to the latest ones at its start, then finishes. Commits no
   * offsets and takes no checkpoints.
   */
  BACKFILL
}
