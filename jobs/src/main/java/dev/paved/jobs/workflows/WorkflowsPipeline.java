package dev.paved.jobs.workflows;

import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.Pipeline;
import dev.paved.model.EventType;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Abandonment, stuck points and adoption (metrics.md, section 3) into {@code workflow_attempts},
 * {@code workflow_steps}, {@code workflow_ticket_followups} and {@code feature_usage}:
 *
 * <pre>
 * workflow usage → attempts by run_id ─→ workflow_attempts
 *                        ├─ (side output) → workflow_steps
 *                        └─ by actor+feature ← ticket opened events → workflow_ticket_followups
 * every usage → feature_usage (one row per feature, developer and 15-minute slot)
 * </pre>
 */
public final class WorkflowsPipeline implements Pipeline {

  private final WorkflowSettings settings;
  private final Sink<AttemptRow> attempts;
  private final Sink<StepRow> steps;
  private final Sink<FollowUpRow> followUps;
  private final Sink<FeatureUse> usage;

  public WorkflowsPipeline(
      WorkflowSettings settings,
      Sink<AttemptRow> attempts,
      Sink<StepRow> steps,
      Sink<FollowUpRow> followUps,
      Sink<FeatureUse> usage) {
    this.settings = settings;
    this.attempts = attempts;
    this.steps = steps;
    this.followUps = followUps;
    this.usage = usage;
  }

  @Override
  public String name() {
    return "workflows";
  }

  @Override
  public void attach(DataStream<LoggedEvent> events) {
    SingleOutputStreamOperator<AttemptFact> facts =
        events
            .filter(
                logged ->
                    logged.type() == EventType.USAGE && WorkflowAttempts.isRunEvent(logged.event()))
            .uid("workflows-run-events")
            .name("workflow run events")
            .keyBy(logged -> WorkflowAttempts.key(logged.event()), Types.STRING)
            .process(new WorkflowAttemptFunction(settings), TypeInformation.of(AttemptFact.class))
            .uid("workflows-attempts")
            .name("attempts per run");

    facts
        .map(AttemptRow::of, TypeInformation.of(AttemptRow.class))
        .uid("workflows-attempt-rows")
        .name("attempt rows")
        .sinkTo(attempts)
        .uid("sink-" + AttemptRow.TABLE)
        .name("ClickHouse " + AttemptRow.TABLE);

    facts
        .getSideOutput(WorkflowAttemptFunction.STEPS)
        .map(StepRow::of, TypeInformation.of(StepRow.class))
        .uid("workflows-step-rows")
        .name("step rows")
        .sinkTo(steps)
        .uid("sink-" + StepRow.TABLE)
        .name("ClickHouse " + StepRow.TABLE);

    facts
        .filter(fact -> TicketFollowUps.keyOfAttempt(fact) != null)
        .uid("workflows-attempts-with-actor")
        .name("attempts with an actor")
        .connect(
            events
                .filter(
                    logged ->
                        logged.type() == EventType.TICKET
                            && TicketFollowUps.isOpenedTicket(logged.event()))
                .uid("workflows-opened-tickets")
                .name("opened tickets"))
        .keyBy(
            TicketFollowUps::keyOfAttempt,
            logged -> TicketFollowUps.keyOfTicket(logged.event()),
            Types.STRING)
        .process(new TicketFollowUpFunction(settings), TypeInformation.of(FollowUpFact.class))
        .uid("workflows-ticket-followups")
        .name("tickets after abandonment per developer and feature")
        .map(FollowUpRow::of, TypeInformation.of(FollowUpRow.class))
        .uid("workflows-followup-rows")
        .name("follow-up rows")
        .sinkTo(followUps)
        .uid("sink-" + FollowUpRow.TABLE)
        .name("ClickHouse " + FollowUpRow.TABLE);

    events
        .filter(
            logged -> logged.type() == EventType.USAGE && FeatureUse.isFeatureUse(logged.event()))
        .uid("workflows-feature-use-events")
        .name("feature use events")
        .map(logged -> FeatureUse.of(logged.event()), TypeInformation.of(FeatureUse.class))
        .uid("workflows-feature-use")
        .name("feature use per slot")
        .sinkTo(usage)
        .uid("sink-" + FeatureUse.TABLE)
        .name("ClickHouse " + FeatureUse.TABLE);
  }
}
