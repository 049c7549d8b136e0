package dev.paved.jobs.deviations;

import java.util.ArrayList;
import java.util.List;

/** The clustering operator's own state besides the deviations: a plain Flink POJO. */
public class ClusterMemory {
  /** The clusters of the last refresh, for the next one to keep their ids. */
  public List<KnownCluster> known = new ArrayList<>();

  /** The refresh number of the last refresh; 0 before the first. */
  public long refresh;

  /** The latest deviation event time absorbed (epoch ms): the clusterer's clock. */
  public long clock;

  /** Whether a deviation changed since the last refresh. */
  public boolean dirty;

  /** The processing-time timer registered for the next refresh; 0 when none. */
  public long nextRefresh;
}
