package dev.paved.jobs.onboarding;

import dev.paved.jobs.delivery.ChangeLeadTime;
import dev.paved.jobs.delivery.DeliverySettings;
import dev.paved.jobs.delivery.ExpiringState;
import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.model.Event;
import dev.paved.model.EventType;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link DeveloperOnboarding} as a Flink operator, keyed by developer ({@code actor}): {@code
 * developer} and {@code change} events on the first input, the {@link ChangeLeadTime} facts of the
 * changes they authored on the second; emits the {@link MilestoneFact}s as {@link MilestoneRow}s
 * (the fact's {@code LocalDate} cohort month has no Flink serializer but Kryo, which is disabled).
 */
public final class OnboardingFunction
    extends KeyedCoProcessFunction<String, LoggedEvent, ChangeLeadTime, MilestoneRow> {

  private final DeveloperOnboarding onboarding;
  private transient ExpiringState<OnboardingState> state;

  public OnboardingFunction(DeliverySettings settings) {
    this.onboarding = new DeveloperOnboarding(settings);
  }

  @Override
  public void open(OpenContext context) {
    state =
        ExpiringState.of(
            getRuntimeContext(), "onboarding", OnboardingState.class, OnboardingState::new);
  }

  @Override
  public void processElement1(LoggedEvent logged, Context context, Collector<MilestoneRow> out)
      throws Exception {
    OnboardingState current = state.get();
    Event event = logged.event();
    List<MilestoneFact> facts =
        event.type() == EventType.DEVELOPER
            ? onboarding.onDeveloper(current, event)
            : onboarding.onChange(current, event);
    emit(facts, current, context, out);
  }

  @Override
  public void processElement2(ChangeLeadTime shipped, Context context, Collector<MilestoneRow> out)
      throws Exception {
    OnboardingState current = state.get();
    emit(onboarding.onShipped(current, shipped), current, context, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<MilestoneRow> out)
      throws Exception {
    state.clearIfExpired(timestamp, context.timerService());
  }

  private void emit(
      List<MilestoneFact> facts,
      OnboardingState current,
      Context context,
      Collector<MilestoneRow> out)
      throws Exception {
    if (current.clock == null) {
      return; // a new key whose input the calculator ignored: nothing to keep
    }
    state.update(current, onboarding.expiry(current), context.timerService());
    facts.forEach(fact -> out.collect(MilestoneRow.of(fact)));
  }
}
