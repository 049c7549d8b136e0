package dev.paved.jobs.delivery;

import dev.paved.jobs.runtime.LoggedEvent;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link ChangeFailureAttribution} as a Flink operator, keyed by service: deploy events on the
 * first input, the {@link IncidentFact}s naming the service on the second; emits inferred {@link
 * Attribution}s. Its state is pruned by the watermark: the timer at the calculator's {@code expiry}
 * calls {@code expire} and moves to the next expiry, and clears the key once nothing is left.
 */
public final class AttributionFunction
    extends KeyedCoProcessFunction<String, LoggedEvent, IncidentFact, Attribution> {

  private final ChangeFailureAttribution attribution;
  private transient ExpiringState<AttributionState> state;

  public AttributionFunction(DeliverySettings settings) {
    this.attribution = new ChangeFailureAttribution(settings);
  }

  @Override
  public void open(OpenContext context) {
    state =
        ExpiringState.of(
            getRuntimeContext(), "attribution", AttributionState.class, AttributionState::new);
  }

  @Override
  public void processElement1(LoggedEvent deploy, Context context, Collector<Attribution> out)
      throws Exception {
    AttributionState current = state.get();
    emit(attribution.onDeploy(current, deploy.event()), current, context, out);
  }

  @Override
  public void processElement2(IncidentFact incident, Context context, Collector<Attribution> out)
      throws Exception {
    AttributionState current = state.get();
    emit(attribution.onIncident(current, incident), current, context, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<Attribution> out)
      throws Exception {
    if (state.isExpiry(timestamp, context.timerService())) {
      AttributionState current = state.get();
      long watermark = Math.max(timestamp, context.timerService().currentWatermark());
      attribution.expire(current, Instant.ofEpochMilli(watermark));
      state.update(current, attribution.expiry(current), context.timerService());
    }
  }

  private void emit(
      List<Attribution> attributions,
      AttributionState current,
      Context context,
      Collector<Attribution> out)
      throws Exception {
    state.update(current, attribution.expiry(current), context.timerService());
    attributions.forEach(out::collect);
  }
}
