package dev.paved.jobs.onboarding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyed state of {@link BootstrapRuns}: one run's {@code started} and {@code completed} events. A
 * plain Flink POJO; only the calculator changes it.
 */
public class BootstrapRunState {

  public String runId;

  public List<UsageReport> reports = new ArrayList<>();

  /** The latest event time absorbed; null before the first input. */
  public Instant clock;
}
