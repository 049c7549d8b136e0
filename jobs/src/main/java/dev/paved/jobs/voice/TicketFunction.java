package dev.paved.jobs.voice;

import dev.paved.jobs.delivery.ExpiringState;
import dev.paved.jobs.runtime.LoggedEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link TicketLifecycle} as a Flink operator keyed by {@code ticket_id}: ticket events in, the
 * ticket's current {@link TicketFact} out after each; the state goes {@link
 * TicketLifecycle#RETENTION} after the ticket's latest event.
 */
public final class TicketFunction extends KeyedProcessFunction<String, LoggedEvent, TicketFact> {
  private transient ExpiringState<TicketState> state;

  @Override
  public void open(OpenContext context) {
    state = ExpiringState.of(getRuntimeContext(), "ticket", TicketState.class, TicketState::new);
  }

  @Override
  public void processElement(LoggedEvent ticket, Context context, Collector<TicketFact> out)
      throws Exception {
    TicketState current = state.get();
    TicketFact fact = TicketLifecycle.onTicket(current, ticket.event());
    state.update(current, TicketLifecycle.expiry(current), context.timerService());
    out.collect(fact);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<TicketFact> out)
      throws Exception {
    state.clearIfExpired(timestamp, context.timerService());
  }
}
