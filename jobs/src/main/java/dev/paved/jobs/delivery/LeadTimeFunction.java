package dev.paved.jobs.delivery;

import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.model.EventType;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The {@link LeadTimeCalculator} as a Flink operator, keyed by change ({@code service/change_id}):
 * {@code change} events on the first input, the {@link Shipment}s of deploy events on the second,
 * as {@link CommitAliasFunction} routed them; emits {@link ChangeLeadTime} facts. State: a {@link
 * LeadTimeState} per change, dropped by an event-time timer at the calculator's {@code expiry}.
 */
public final class LeadTimeFunction
    extends KeyedCoProcessFunction<String, LoggedEvent, Shipment, ChangeLeadTime> {

  private final LeadTimeCalculator calculator;
  private transient ExpiringState<LeadTimeState> state;

  public LeadTimeFunction(DeliverySettings settings) {
    this.calculator = new LeadTimeCalculator(settings);
  }

  /**
   * The lead-time facts of {@code events} (any types: only changes and deploys are read), from an
   * operator with the stable {@code uid}.
   */
  public static DataStream<ChangeLeadTime> apply(
      DataStream<LoggedEvent> events, DeliverySettings settings, String uid) {
    LeadTimeCalculator calculator = new LeadTimeCalculator(settings);
    DataStream<LoggedEvent> changes =
        events
            .filter(event -> event.type() == EventType.CHANGE)
            .uid(uid + "-changes")
            .name("change events");
    DataStream<Shipment> shipments =
        events
            .filter(event -> event.type() == EventType.DEPLOY)
            .uid(uid + "-deploys")
            .name("deploy events")
            .<Shipment>flatMap(
                (event, out) -> calculator.shipments(event.event()).forEach(out::collect),
                TypeInformation.of(Shipment.class))
            .uid(uid + "-shipments")
            .name("shipments");
    DataStream<CommitAlias> aliases =
        changes
            .<CommitAlias>flatMap(
                (event, out) -> CommitAliases.aliases(event.event()).forEach(out::collect),
                TypeInformation.of(CommitAlias.class))
            .uid(uid + "-commit-ids")
            .name("commit ids of changes");
    DataStream<Shipment> routed =
        aliases
            .connect(shipments)
            .keyBy(CommitAlias::key, Shipment::key, Types.STRING)
            .process(new CommitAliasFunction(settings), TypeInformation.of(Shipment.class))
            .uid(uid + "-commit-aliases")
            .name("shipments by commit sha");
    return changes
        .connect(routed)
        .keyBy(event -> LeadTimeCalculator.key(event.event()), Shipment::key, Types.STRING)
        .process(new LeadTimeFunction(settings), TypeInformation.of(ChangeLeadTime.class))
        .uid(uid)
        .name("lead time per change");
  }

  @Override
  public void open(OpenContext context) {
    state =
        ExpiringState.of(getRuntimeContext(), "lead-time", LeadTimeState.class, LeadTimeState::new);
  }

  @Override
  public void processElement1(LoggedEvent change, Context context, Collector<ChangeLeadTime> out)
      throws Exception {
    LeadTimeState current = state.get();
    emit(calculator.onChange(current, change.event()), current, context, out);
  }

  @Override
  public void processElement2(Shipment shipment, Context context, Collector<ChangeLeadTime> out)
      throws Exception {
    LeadTimeState current = state.get();
    emit(calculator.onShipment(current, shipment), current, context, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<ChangeLeadTime> out)
      throws Exception {
    state.clearIfExpired(timestamp, context.timerService());
  }

  private void emit(
      List<ChangeLeadTime> facts,
      LeadTimeState current,
      Context context,
      Collector<ChangeLeadTime> out)
      throws Exception {
    state.update(current, calculator.expiry(current), context.timerService());
    facts.forEach(out::collect);
  }
}
