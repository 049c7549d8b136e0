package dev.paved.jobs.workflows;

import java.util.Locale;

/** Where a workflow attempt stands (metrics.md, section 3). */
public enum AttemptStatus {
  /** A {@code completed} event arrived. */
  COMPLETED,
  /** Not completed, and no event of the run for the inactivity window after its last event. */
  ABANDONED,
  /** Neither yet. */
  OPEN;

  /** The value of the {@code status} column. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
