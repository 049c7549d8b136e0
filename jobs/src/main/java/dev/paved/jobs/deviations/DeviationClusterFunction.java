package dev.paved.jobs.deviations;

import dev.paved.jobs.runtime.LoggedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * {@link DeviationLog} and {@link DeviationClusterer} as a Flink operator on a single key ({@link
 * #KEY}): every deviation event in, the set of deviations in keyed state, and on each refresh the
 * cluster rows out, the membership rows on {@link #MEMBERS} and the refresh row on {@link
 * #REFRESHES}.
 *
 * <p>Refreshes: in streaming, a processing-time timer {@link DeviationSettings#refreshInterval}
 * after the first change since the last refresh; at the end of a bounded input, the final watermark
 * fires an event-time timer set at the end of time. A refresh with nothing changed is skipped. The
 * clusterer's clock is the latest deviation event time (not the watermark, which a backfill ends at
 * the end of time), so backfill and streaming of the same log end with the same clusters. A refresh
 * drops the deviations that left the window before that clock: the state holds the deviations of
 * the last 90 days of deviation events, and at most one timer of each kind.
 *
 * <p>The refresh number is the wall clock (ms) of the refresh, bumped past the previous one, so the
 * latest refresh is the one readers see. (A backfill writes fresh tables: its refresh is the only
 * one.)
 */
public final class DeviationClusterFunction
    extends KeyedProcessFunction<String, LoggedEvent, DeviationClusterRow> {

  /** The one key: every deviation in one place, so all of them can be clustered together. */
  public static final String KEY = "deviations";

  public static final OutputTag<DeviationMemberRow> MEMBERS =
      new OutputTag<>("deviation-members", TypeInformation.of(DeviationMemberRow.class));
  public static final OutputTag<DeviationRefreshRow> REFRESHES =
      new OutputTag<>("deviation-refreshes", TypeInformation.of(DeviationRefreshRow.class));

  private final DeviationSettings settings;
  private final DeviationLog log;
  private final DeviationClusterer clusterer;
  private transient MapState<String, DeviationRecord> records;
  private transient ValueState<ClusterMemory> memory;

  public DeviationClusterFunction(DeviationSettings settings) {
    this.settings = settings;
    this.log = new DeviationLog(settings);
    this.clusterer = new DeviationClusterer(settings);
  }

  @Override
  public void open(OpenContext context) {
    records =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "deviations", Types.STRING, TypeInformation.of(DeviationRecord.class)));
    memory =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "cluster-memory", TypeInformation.of(ClusterMemory.class)));
  }

  @Override
  public void processElement(LoggedEvent event, Context context, Collector<DeviationClusterRow> out)
      throws Exception {
    String identity = DeviationLog.identity(event.event());
    DeviationRecord record = records.get(identity);
    if (record == null) {
      record = new DeviationRecord();
    }
    log.absorb(record, event.event());
    records.put(identity, record);
    ClusterMemory current = memory.value();
    if (current == null) {
      current = new ClusterMemory();
    }
    current.clock = Math.max(current.clock, event.timeMillis());
    current.dirty = true;
    if (current.nextRefresh == 0) {
      current.nextRefresh =
          context.timerService().currentProcessingTime() + settings.refreshInterval().toMillis();
      context.timerService().registerProcessingTimeTimer(current.nextRefresh);
    }
    context.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    memory.update(current);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<DeviationClusterRow> out)
      throws Exception {
    ClusterMemory current = memory.value();
    if (current == null) {
      return;
    }
    if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
      current.nextRefresh = 0;
    }
    if (current.dirty) {
      refresh(current, context, out);
    }
    memory.update(current);
  }

  private void refresh(
      ClusterMemory current, OnTimerContext context, Collector<DeviationClusterRow> out)
      throws Exception {
    Instant clock = Instant.ofEpochMilli(current.clock);
    List<ActiveDeviation> active = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    for (Map.Entry<String, DeviationRecord> entry : records.entries()) {
      DeviationRecord record = entry.getValue();
      log.active(record, clock).ifPresent(active::add);
      if (log.prune(record, clock)) {
        gone.add(entry.getKey());
      } else {
        records.put(entry.getKey(), record);
      }
    }
    for (String identity : gone) {
      records.remove(identity);
    }
    DeviationClusterer.Clustering clustering = clusterer.cluster(active, current.known, clock);
    long refresh = Math.max(current.refresh + 1, context.timerService().currentProcessingTime());
    int rank = 0;
    for (DeviationCluster cluster : clustering.clusters()) {
      out.collect(DeviationClusterRow.of(cluster, ++rank, refresh));
      for (ActiveDeviation member : cluster.members()) {
        context.output(MEMBERS, DeviationMemberRow.of(cluster.id(), member, refresh));
      }
    }
    context.output(
        REFRESHES,
        DeviationRefreshRow.of(refresh, clock, clustering.clusters().size(), active.size()));
    current.known = new ArrayList<>(clustering.known());
    current.refresh = refresh;
    current.dirty = false;
  }
}
