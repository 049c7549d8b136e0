package dev.paved.jobs.deviations;

import java.util.ArrayList;
import java.util.List;

/**
 * A cluster of the previous refresh, as the next one matches against it: a plain Flink POJO. {@code
 * members} are deviation identities, sorted.
 */
public class KnownCluster {
  public String id;
  public String component;
  public String goldenPath;
  public List<String> members = new ArrayList<>();

  public KnownCluster() {}

  public KnownCluster(String id, String component, String goldenPath, List<String> members) {
    this.id = id;
    this.component = component;
    this.goldenPath = goldenPath;
    this.members = new ArrayList<>(members);
  }
}
