package dev.paved.jobs.workflows;

import dev.paved.jobs.delivery.ExpiringState;
import dev.paved.jobs.runtime.LoggedEvent;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link TicketFollowUps} as a Flink operator, keyed by actor and feature: {@link AttemptFact}s on
 * the first input, ticket {@code opened} events on the second; emits {@link FollowUpFact}s. Its
 * timer prunes expired entries and clears the key when nothing is left.
 */
public final class TicketFollowUpFunction
    extends KeyedCoProcessFunction<String, AttemptFact, LoggedEvent, FollowUpFact> {

  private final TicketFollowUps followUps;
  private transient ExpiringState<FollowUpState> state;

  public TicketFollowUpFunction(WorkflowSettings settings) {
    this.followUps = new TicketFollowUps(settings);
  }

  @Override
  public void open(OpenContext context) {
    state =
        ExpiringState.of(
            getRuntimeContext(), "workflow-followups", FollowUpState.class, FollowUpState::new);
  }

  @Override
  public void processElement1(AttemptFact attempt, Context context, Collector<FollowUpFact> out)
      throws Exception {
    FollowUpState current = state.get();
    emit(followUps.onAttempt(current, attempt), current, context, out);
  }

  @Override
  public void processElement2(LoggedEvent ticket, Context context, Collector<FollowUpFact> out)
      throws Exception {
    FollowUpState current = state.get();
    emit(followUps.onTicket(current, ticket.event()), current, context, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<FollowUpFact> out)
      throws Exception {
    if (!state.isExpiry(timestamp, context.timerService())) {
      return;
    }
    FollowUpState current = state.get();
    followUps.prune(current, Instant.ofEpochMilli(timestamp));
    state.update(current, followUps.expiry(current), context.timerService());
  }

  private void emit(
      List<FollowUpFact> facts, FollowUpState current, Context context, Collector<FollowUpFact> out)
      throws Exception {
    state.update(current, followUps.expiry(current), context.timerService());
    facts.forEach(out::collect);
  }
}
