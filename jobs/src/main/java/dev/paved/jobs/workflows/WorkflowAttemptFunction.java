package dev.paved.jobs.workflows;

import dev.paved.jobs.delivery.ExpiringState;
import dev.paved.jobs.runtime.LoggedEvent;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * {@link WorkflowAttempts} as a Flink operator, keyed by {@code run_id}: workflow {@code usage}
 * events in, {@link AttemptFact}s out, {@link StepFact}s on the side output {@link #STEPS}. The
 * key's one event-time timer is the abandonment deadline, then the state's expiry.
 */
public final class WorkflowAttemptFunction
    extends KeyedProcessFunction<String, LoggedEvent, AttemptFact> {

  public static final OutputTag<StepFact> STEPS =
      new OutputTag<>("workflow-steps", TypeInformation.of(StepFact.class));

  private final WorkflowAttempts attempts;
  private transient ExpiringState<AttemptState> state;

  public WorkflowAttemptFunction(WorkflowSettings settings) {
    this.attempts = new WorkflowAttempts(settings);
  }

  @Override
  public void open(OpenContext context) {
    state =
        ExpiringState.of(
            getRuntimeContext(), "workflow-attempt", AttemptState.class, AttemptState::new);
  }

  @Override
  public void processElement(LoggedEvent usage, Context context, Collector<AttemptFact> out)
      throws Exception {
    AttemptState current = state.get();
    RunUpdate update = attempts.onUsage(current, usage.event());
    if (current.clock == null) {
      return;
    }
    state.update(current, attempts.expiry(current), context.timerService());
    emit(update, context, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<AttemptFact> out)
      throws Exception {
    if (!state.isExpiry(timestamp, context.timerService())) {
      return;
    }
    AttemptState current = state.get();
    TimerService timers = context.timerService();
    if (!attempts.awaitsAbandonment(current)) {
      state.clear(timers);
      return;
    }
    RunUpdate update = attempts.onInactivity(current, Instant.ofEpochMilli(timestamp));
    state.update(current, attempts.expiry(current), timers);
    emit(update, context, out);
  }

  private static void emit(
      RunUpdate update,
      KeyedProcessFunction<String, LoggedEvent, AttemptFact>.Context context,
      Collector<AttemptFact> out) {
    if (update.attempt() != null) {
      out.collect(update.attempt());
    }
    update.steps().forEach(step -> context.output(STEPS, step));
  }
}
