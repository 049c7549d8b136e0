package dev.paved.jobs.deviations;

import dev.paved.jobs.delivery.Columns;

/**
 * One row of {@code deviation_cluster_members}: a deviation in a cluster as of one refresh. The id
 * is {@code <cluster_id>/<deviation>}; a deviation that left keeps the refresh it was last in.
 */
public record DeviationMemberRow(
    String id,
    String clusterId,
    String deviation,
    long refresh,
    String team,
    String service,
    String component,
    String goldenPath,
    String actual,
    String reason,
    String since,
    int sinceMs,
    long version) {

  public static final String TABLE = "deviation_cluster_members";

  public static DeviationMemberRow of(String clusterId, ActiveDeviation member, long refresh) {
    return new DeviationMemberRow(
        clusterId + "/" + member.identity(),
        clusterId,
        member.identity(),
        refresh,
        member.team(),
        member.service(),
        member.component(),
        member.goldenPath(),
        member.actual(),
        Columns.text(member.reason()),
        Columns.dateTime(member.since()),
        Columns.millis(member.since()),
        refresh);
  }
}
