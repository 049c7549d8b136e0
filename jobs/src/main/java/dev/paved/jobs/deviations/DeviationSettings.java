package dev.paved.jobs.deviations;

import java.io.Serializable;
import java.time.Duration;

/**
 * The parameters of the deviation clusters (metrics.md §4). The defaults and why they are what they
 * are: jobs/README.md, "Deviation clusters".
 *
 * @param window a deviation counts while its latest {@code started} is at most this old
 * @param growthWindow the span of {@code growth_30d}
 * @param eps DBSCAN's neighbourhood radius in cosine distance (1 - similarity)
 * @param minNeighbours DBSCAN's minPts: neighbours (besides itself) that make a core deviation
 * @param reasonWeight the share of the similarity carried by the reason terms; the replacement
 *     carries the rest
 * @param minOverlap the Jaccard overlap of memberships under which a new cluster gets a new id
 * @param widenTeams teams from which a cluster is a "widen the golden path" candidate
 * @param topTerms how many reason terms a cluster reports
 * @param refreshInterval processing time between two refreshes in streaming mode
 */
public record DeviationSettings(
    Duration window,
    Duration growthWindow,
    double eps,
    int minNeighbours,
    double reasonWeight,
    double minOverlap,
    int widenTeams,
    int topTerms,
    Duration refreshInterval)
    implements Serializable {

  public static final DeviationSettings DEFAULTS =
      new DeviationSettings(
          Duration.ofDays(90), Duration.ofDays(30), 0.5, 1, 0.65, 0.5, 3, 5, Duration.ofMinutes(1));

  public DeviationSettings {
    if (!(eps > 0 && eps < 1)) {
      throw new IllegalArgumentException("eps is a cosine distance between 0 and 1: " + eps);
    }
    if (!(reasonWeight >= 0 && reasonWeight <= 1)) {
      throw new IllegalArgumentException("reasonWeight is between 0 and 1: " + reasonWeight);
    }
    if (minNeighbours < 1 || widenTeams < 1 || topTerms < 1) {
      throw new IllegalArgumentException("minNeighbours, widenTeams and topTerms are at least 1");
    }
  }

  public DeviationSettings withRefreshInterval(Duration interval) {
    return new DeviationSettings(
        window,
        growthWindow,
        eps,
        minNeighbours,
        reasonWeight,
        minOverlap,
        widenTeams,
        topTerms,
        interval);
  }
}
