package dev.paved.jobs.deviations;

import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.Pipeline;
import dev.paved.model.EventType;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Deviation clusters (metrics.md §4) into {@code deviation_clusters}, {@code
 * deviation_cluster_members} and {@code deviation_refreshes}:
 *
 * <pre>
 * deviation events → one key → DeviationClusterFunction ─→ clusters
 *                                                      ├─→ members (side output)
 *                                                      └─→ refreshes (side output)
 * </pre>
 */
public final class DeviationsPipeline implements Pipeline {
  private final DeviationSettings settings;
  private final Sink<DeviationClusterRow> clusters;
  private final Sink<DeviationMemberRow> members;
  private final Sink<DeviationRefreshRow> refreshes;

  public DeviationsPipeline(
      DeviationSettings settings,
      Sink<DeviationClusterRow> clusters,
      Sink<DeviationMemberRow> members,
      Sink<DeviationRefreshRow> refreshes) {
    this.settings = settings;
    this.clusters = clusters;
    this.members = members;
    this.refreshes = refreshes;
  }

  @Override
  public String name() {
    return "deviations";
  }

  @Override
  public void attach(DataStream<LoggedEvent> events) {
    SingleOutputStreamOperator<DeviationClusterRow> clustered =
        events
            .filter(event -> event.type() == EventType.DEVIATION)
            .uid("deviations-in")
            .name("deviation events")
            .keyBy(event -> DeviationClusterFunction.KEY, Types.STRING)
            .process(
                new DeviationClusterFunction(settings),
                TypeInformation.of(DeviationClusterRow.class))
            .uid("deviations-clusters")
            .name("deviation clusters");
    clustered
        .sinkTo(clusters)
        .uid("sink-" + DeviationClusterRow.TABLE)
        .name("ClickHouse " + DeviationClusterRow.TABLE);
    clustered
        .getSideOutput(DeviationClusterFunction.MEMBERS)
        .sinkTo(members)
        .uid("sink-" + DeviationMemberRow.TABLE)
        .name("ClickHouse " + DeviationMemberRow.TABLE);
    clustered
        .getSideOutput(DeviationClusterFunction.REFRESHES)
        .sinkTo(refreshes)
        .uid("sink-" + DeviationRefreshRow.TABLE)
        .name("ClickHouse " + DeviationRefreshRow.TABLE);
  }
}
