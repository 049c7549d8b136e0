package dev.paved.jobs.onboarding;

import dev.paved.jobs.delivery.DeliverySettings;
import dev.paved.jobs.delivery.ExpiringState;
import dev.paved.jobs.runtime.LoggedEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link BootstrapRuns} as a Flink operator, keyed by {@code run_id}: service-template {@code
 * usage} events in, {@link BootstrapRun}s out (for {@link ServiceBootstrapFunction}, keyed by
 * service).
 */
public final class BootstrapRunFunction
    extends KeyedProcessFunction<String, LoggedEvent, BootstrapRun> {

  private final BootstrapRuns runs;
  private transient ExpiringState<BootstrapRunState> state;

  public BootstrapRunFunction(DeliverySettings settings) {
    this.runs = new BootstrapRuns(settings);
  }

  @Override
  public void open(OpenContext context) {
    state =
        ExpiringState.of(
            getRuntimeContext(), "bootstrap-run", BootstrapRunState.class, BootstrapRunState::new);
  }

  @Override
  public void processElement(LoggedEvent usage, Context context, Collector<BootstrapRun> out)
      throws Exception {
    BootstrapRunState current = state.get();
    var changed = runs.onUsage(current, usage.event());
    state.update(current, runs.expiry(current), context.timerService());
    changed.forEach(out::collect);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<BootstrapRun> out)
      throws Exception {
    state.clearIfExpired(timestamp, context.timerService());
  }
}
