package dev.paved.jobs.delivery;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link CommitAliases} as a Flink operator, keyed by sha ({@code service/sha}): {@link
 * CommitAlias}es of {@code change} events on the first input, the {@link Shipment}s of deploy
 * events on the second; emits the shipments to route on to the lead-time keys. State: a {@link
 * CommitAliasState} per sha, dropped by an event-time timer at {@code expiry}.
 */
public final class CommitAliasFunction
    extends KeyedCoProcessFunction<String, CommitAlias, Shipment, Shipment> {

  private final CommitAliases aliases;
  private transient ExpiringState<CommitAliasState> state;

  public CommitAliasFunction(DeliverySettings settings) {
    this.aliases = new CommitAliases(settings);
  }

  @Override
  public void open(OpenContext context) {
    state =
        ExpiringState.of(
            getRuntimeContext(), "commit-aliases", CommitAliasState.class, CommitAliasState::new);
  }

  @Override
  public void processElement1(CommitAlias alias, Context context, Collector<Shipment> out)
      throws Exception {
    CommitAliasState current = state.get();
    emit(aliases.onAlias(current, alias), current, context, out);
  }

  @Override
  public void processElement2(Shipment reference, Context context, Collector<Shipment> out)
      throws Exception {
    CommitAliasState current = state.get();
    emit(aliases.onReference(current, reference), current, context, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<Shipment> out)
      throws Exception {
    state.clearIfExpired(timestamp, context.timerService());
  }

  private void emit(
      List<Shipment> shipments, CommitAliasState current, Context context, Collector<Shipment> out)
      throws Exception {
    state.update(current, aliases.expiry(current), context.timerService());
    shipments.forEach(out::collect);
  }
}
