package dev.paved.jobs.delivery;

import dev.paved.jobs.runtime.LoggedEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * {@link RecoveryTime} as a Flink operator, keyed by {@code incident_id}: incident events in,
 * {@link IncidentFact}s out, and on the side output {@link #ATTRIBUTIONS} the {@link Attribution}s
 * of the deploy each incident names.
 */
public final class IncidentFunction
    extends KeyedProcessFunction<String, LoggedEvent, IncidentFact> {

  /** The explicit attributions ({@code caused_by_deploy}), for the deploy outcomes. */
  public static final OutputTag<Attribution> ATTRIBUTIONS =
      new OutputTag<>("incident-attributions", TypeInformation.of(Attribution.class));

  private final RecoveryTime recovery;
  private transient ExpiringState<IncidentState> state;

  public IncidentFunction(DeliverySettings settings) {
    this.recovery = new RecoveryTime(settings);
  }

  @Override
  public void open(OpenContext context) {
    state =
        ExpiringState.of(getRuntimeContext(), "incident", IncidentState.class, IncidentState::new);
  }

  @Override
  public void processElement(LoggedEvent incident, Context context, Collector<IncidentFact> out)
      throws Exception {
    IncidentState current = state.get();
    IncidentUpdate update = recovery.onIncident(current, incident.event());
    state.update(current, recovery.expiry(current), context.timerService());
    update.facts().forEach(out::collect);
    update.attributions().forEach(attribution -> context.output(ATTRIBUTIONS, attribution));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<IncidentFact> out)
      throws Exception {
    state.clearIfExpired(timestamp, context.timerService());
  }
}
