package dev.paved.jobs.delivery;

import static dev.paved.jobs.delivery.Events.deploy;
import static dev.paved.jobs.delivery.Events.incident;
import static dev.paved.jobs.delivery.Events.inline;
import static dev.paved.jobs.delivery.Events.inlineDeploy;
import static dev.paved.jobs.delivery.Events.listing;
import static dev.paved.jobs.delivery.Events.pullRequest;
import static dev.paved.model.Incident.Action.OPENED;
import static dev.paved.model.Incident.Action.RESOLVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/** The delivery states, filled by a small history, are Flink POJOs that round-trip. */
class DeliveryStateTest {

  private final DeliveryFlow flow = new DeliveryFlow();

  DeliveryStateTest() {
    flow.send(
        pullRequest(
            "c-1",
            "2026-03-02T09:00:00Z",
            "payments",
            "9f1c2ab",
            "dev-41",
            "2026-03-02T10:30:00Z",
            null,
            null),
        deploy("d-1", "2026-03-02T16:00:30Z", "payments", "7781", "9f1c2ab"),
        // a pull request listing the deployed sha: aliases, a reference and a claim in state
        listing(
            pullRequest(
                "pr-1",
                "2026-03-02T08:00:00Z",
                "payments",
                "acme/pay#1",
                "dev-41",
                null,
                null,
                null),
            "9f1c2ab"),
        inlineDeploy(
            "d-2",
            "2026-03-02T17:00:00Z",
            "payments",
            "7782",
            inline("aa11", "2026-03-02T08:00:00Z", null)),
        incident("i-1", "2026-03-02T18:00:00Z", "inc-1", OPENED, "payments", null),
        incident("i-2", "2026-03-02T19:00:00Z", "inc-1", RESOLVED, null, null));
  }

  @Test
  void calculatorsSerializeWithTheFunctionsThatHoldThem() throws Exception {
    for (Object calculator :
        List.of(flow.leadTimes, flow.aliases, flow.recovery, flow.attribution, flow.outcomes)) {
      assertNotNull(InstantiationUtil.clone((Serializable) calculator));
    }
  }

  @Test
  void leadTimeState() throws Exception {
    StatePojos.assertRoundTrip(flow.byChange.get(LeadTimeCalculator.key("payments", "9f1c2ab")));
    StatePojos.assertRoundTrip(flow.byChange.get(LeadTimeCalculator.key("payments", "aa11")));
  }

  @Test
  void commitAliasState() throws Exception {
    CommitAliasState state = flow.bySha.get(LeadTimeCalculator.key("payments", "9f1c2ab"));
    assertEquals(List.of("acme/pay#1"), state.aliases);
    assertEquals(1, state.references.size());
    StatePojos.assertRoundTrip(state);
    assertEquals(
        List.of("acme/pay#1"),
        flow.byChange.get(LeadTimeCalculator.key("payments", "9f1c2ab")).claimedBy);
  }

  @Test
  void incidentState() throws Exception {
    StatePojos.assertRoundTrip(flow.byIncident.get("inc-1"));
  }

  @Test
  void attributionState() throws Exception {
    StatePojos.assertRoundTrip(flow.byService.get("payments"));
  }

  @Test
  void deployOutcomeState() throws Exception {
    StatePojos.assertRoundTrip(flow.byDeploy.get("7782"));
  }
}
