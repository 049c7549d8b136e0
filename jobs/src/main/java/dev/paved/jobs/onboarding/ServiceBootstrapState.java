package dev.paved.jobs.onboarding;

import dev.paved.jobs.delivery.DeployReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyed state of {@link ServiceBootstrap}: one service's service-template runs and the successful
 * production deploys that can still end its bootstrap. A plain Flink POJO; only the calculator
 * changes it.
 */
public class ServiceBootstrapState {

  public String service;

  /** Its runs, the latest known version of each. */
  public List<BootstrapRun> runs = new ArrayList<>();

  /**
   * Events of its successful production deploys: the one that ends the bootstrap and those of the
   * last {@code lateness}, which a late run could still need.
   */
  public List<DeployReport> deploys = new ArrayList<>();

  /** The version of the last fact emitted; 0 before the first. */
  public long version;

  /** The latest event time absorbed; null before the first input. */
  public Instant clock;
}
