package dev.paved.jobs.onboarding;

import dev.paved.jobs.delivery.DeliverySettings;
import dev.paved.jobs.delivery.ExpiringState;
import dev.paved.jobs.runtime.LoggedEvent;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link ServiceBootstrap} as a Flink operator, keyed by service: {@link BootstrapRun}s on the
 * first input, the service's deploy events on the second; emits {@link BootstrapFact}s.
 */
public final class ServiceBootstrapFunction
    extends KeyedCoProcessFunction<String, BootstrapRun, LoggedEvent, BootstrapFact> {

  private final ServiceBootstrap bootstrap;
  private transient ExpiringState<ServiceBootstrapState> state;

  public ServiceBootstrapFunction(DeliverySettings settings) {
    this.bootstrap = new ServiceBootstrap(settings);
  }

  @Override
  public void open(OpenContext context) {
    state =
        ExpiringState.of(
            getRuntimeContext(),
            "service-bootstrap",
            ServiceBootstrapState.class,
            ServiceBootstrapState::new);
  }

  @Override
  public void processElement1(BootstrapRun run, Context context, Collector<BootstrapFact> out)
      throws Exception {
    ServiceBootstrapState current = state.get();
    emit(bootstrap.onRun(current, run), current, context, out);
  }

  @Override
  public void processElement2(LoggedEvent deploy, Context context, Collector<BootstrapFact> out)
      throws Exception {
    ServiceBootstrapState current = state.get();
    emit(bootstrap.onDeploy(current, deploy.event()), current, context, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<BootstrapFact> out)
      throws Exception {
    state.clearIfExpired(timestamp, context.timerService());
  }

  private void emit(
      List<BootstrapFact> facts,
      ServiceBootstrapState current,
      Context context,
      Collector<BootstrapFact> out)
      throws Exception {
    if (current.clock == null) {
      return; // a new key whose input the calculator ignored: nothing to keep
    }
    state.update(current, bootstrap.expiry(current), context.timerService());
    facts.forEach(out::collect);
  }
}
