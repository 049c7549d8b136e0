package dev.paved.jobs.deviations;

import java.util.ArrayList;
import java.util.List;

/**
 * What the clustering operator keeps of one deviation identity ({@link DeviationLog#identity}): a
 * plain Flink POJO that only {@link DeviationLog} changes. Times are epoch milliseconds.
 */
public class DeviationRecord {
  public String identity;
  public String team;
  public String service;
  public String component;
  public String goldenPath;
  public String actual;
  public String reason;

  /** The event time of the {@code started} event whose fields are above; 0 before the first. */
  public long reportedAt;

  /** Every {@code started} time inside the window, ascending. */
  public List<Long> starts = new ArrayList<>();

  /** The latest {@code ended} time; 0 when none. */
  public long endedAt;
}
