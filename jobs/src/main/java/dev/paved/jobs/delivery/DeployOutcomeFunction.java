package dev.paved.jobs.delivery;

import dev.paved.jobs.runtime.LoggedEvent;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link DeployOutcomes} as a Flink operator, keyed by {@code deploy_id}: deploy events on the
 * first input, {@link Attribution}s (explicit and inferred) on the second; emits {@link
 * DeployFact}s.
 */
public final class DeployOutcomeFunction
    extends KeyedCoProcessFunction<String, LoggedEvent, Attribution, DeployFact> {

  private final DeployOutcomes outcomes;
  private transient ExpiringState<DeployOutcomeState> state;

  public DeployOutcomeFunction(DeliverySettings settings) {
    this.outcomes = new DeployOutcomes(settings);
  }

  @Override
  public void open(OpenContext context) {
    state =
        ExpiringState.of(
            getRuntimeContext(),
            "deploy-outcome",
            DeployOutcomeState.class,
            DeployOutcomeState::new);
  }

  @Override
  public void processElement1(LoggedEvent deploy, Context context, Collector<DeployFact> out)
      throws Exception {
    DeployOutcomeState current = state.get();
    emit(outcomes.onDeploy(current, deploy.event()), current, context, out);
  }

  @Override
  public void processElement2(Attribution attribution, Context context, Collector<DeployFact> out)
      throws Exception {
    DeployOutcomeState current = state.get();
    emit(outcomes.onAttribution(current, attribution), current, context, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<DeployFact> out)
      throws Exception {
    state.clearIfExpired(timestamp, context.timerService());
  }

  private void emit(
      List<DeployFact> facts,
      DeployOutcomeState current,
      Context context,
      Collector<DeployFact> out)
      throws Exception {
    state.update(current, outcomes.expiry(current), context.timerService());
    facts.forEach(out::collect);
  }
}
