package dev.paved.jobs.delivery;

import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.Pipeline;
import dev.paved.model.EventType;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The four DORA keys (metrics.md, section 1) into {@code change_lead_times}, {@code deploys} and
 * {@code incidents}. The keyed steps, as {@code DeliveryFlow} (test sources) wires them in memory:
 *
 * <pre>
 * change events ───────────────────────────────────────────┐
 *   └→ commit_ids aliases ──┐                               │
 * deploy events → shipments ┴→ by commit sha (CommitAliases) ┴→ lead time by change → change_lead_times
 * incident events → recovery by incident_id                       → incidents
 *                     ├─ incident facts → attribution by service ─ inferred ─┐
 *                     └─ named attributions ─────────────────────────────────┤
 * deploy events ────────────────────────────→ outcomes by deploy_id ←─────────┘ → deploys
 * deploy events ────────────────────────────→ attribution by service
 * </pre>
 */
public final class DeliveryPipeline implements Pipeline {

  private final DeliverySettings settings;
  private final Sink<ChangeLeadTimeRow> changeLeadTimes;
  private final Sink<DeployRow> deploys;
  private final Sink<IncidentRow> incidents;

  public DeliveryPipeline(
      DeliverySettings settings,
      Sink<ChangeLeadTimeRow> changeLeadTimes,
      Sink<DeployRow> deploys,
      Sink<IncidentRow> incidents) {
    this.settings = settings;
    this.changeLeadTimes = changeLeadTimes;
    this.deploys = deploys;
    this.incidents = incidents;
  }

  @Override
  public String name() {
    return "delivery";
  }

  @Override
  public void attach(DataStream<LoggedEvent> events) {
    LeadTimeFunction.apply(events, settings, "delivery-lead-time")
        .map(ChangeLeadTimeRow::of, TypeInformation.of(ChangeLeadTimeRow.class))
        .uid("delivery-lead-time-rows")
        .name("lead time rows")
        .sinkTo(changeLeadTimes)
        .uid("sink-" + ChangeLeadTimeRow.TABLE)
        .name("ClickHouse " + ChangeLeadTimeRow.TABLE);

    DataStream<LoggedEvent> deployEvents =
        events
            .filter(event -> event.type() == EventType.DEPLOY)
            .uid("delivery-deploys")
            .name("deploy events");
    SingleOutputStreamOperator<IncidentFact> incidentFacts =
        events
            .filter(event -> event.type() == EventType.INCIDENT)
            .uid("delivery-incidents-in")
            .name("incident events")
            .keyBy(event -> RecoveryTime.key(event.event()), Types.STRING)
            .process(new IncidentFunction(settings), TypeInformation.of(IncidentFact.class))
            .uid("delivery-recovery-time")
            .name("recovery time per incident");
    incidentFacts
        .map(IncidentRow::of, TypeInformation.of(IncidentRow.class))
        .uid("delivery-incident-rows")
        .name("incident rows")
        .sinkTo(incidents)
        .uid("sink-" + IncidentRow.TABLE)
        .name("ClickHouse " + IncidentRow.TABLE);

    DataStream<Attribution> inferred =
        deployEvents
            .connect(
                incidentFacts
                    .filter(fact -> fact.service() != null)
                    .uid("delivery-incidents-with-service")
                    .name("incidents naming a service"))
            .keyBy(event -> event.event().service(), IncidentFact::service, Types.STRING)
            .process(new AttributionFunction(settings), TypeInformation.of(Attribution.class))
            .uid("delivery-change-failure-attribution")
            .name("change failure attribution per service");
    DataStream<Attribution> attributions =
        incidentFacts.getSideOutput(IncidentFunction.ATTRIBUTIONS).union(inferred);

    deployEvents
        .connect(attributions)
        .keyBy(event -> DeployOutcomes.key(event.event()), Attribution::deployId, Types.STRING)
        .process(new DeployOutcomeFunction(settings), TypeInformation.of(DeployFact.class))
        .uid("delivery-deploy-outcomes")
        .name("outcome per deploy")
        .map(DeployRow::of, TypeInformation.of(DeployRow.class))
        .uid("delivery-deploy-rows")
        .name("deploy rows")
        .sinkTo(deploys)
        .uid("sink-" + DeployRow.TABLE)
        .name("ClickHouse " + DeployRow.TABLE);
  }
}
