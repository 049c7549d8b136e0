package dev.paved.jobs.deviations;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.paved.jobs.delivery.Columns;
import java.util.List;

/**
 * One row of {@code deviation_clusters}: a cluster as of one refresh. Its ClickHouse id is the
 * cluster id, so a later refresh replaces it; a cluster that vanished keeps the refresh it was last
 * in, which is why readers take only the rows of the latest complete refresh ({@code
 * deviation_refreshes}).
 */
public record DeviationClusterRow(
    String id,
    long refresh,
    int rank,
    String component,
    String goldenPath,
    List<String> replacements,
    int deviations,
    int teams,
    int services,
    List<String> teamNames,
    List<String> terms,
    String firstSeen,
    int firstSeenMs,
    @JsonProperty("growth_30d") int growth30d,
    int widenCandidate,
    long version) {

  public static final String TABLE = "deviation_clusters";

  public static DeviationClusterRow of(DeviationCluster cluster, int rank, long refresh) {
    return new DeviationClusterRow(
        cluster.id(),
        refresh,
        rank,
        cluster.component(),
        cluster.goldenPath(),
        cluster.replacements(),
        cluster.members().size(),
        cluster.teams(),
        cluster.services(),
        cluster.members().stream().map(ActiveDeviation::team).distinct().sorted().toList(),
        cluster.terms(),
        Columns.dateTime(cluster.firstSeen()),
        Columns.millis(cluster.firstSeen()),
        cluster.growth30d(),
        Columns.flag(cluster.widenCandidate()),
        refresh);
  }
}
