package dev.paved.jobs.delivery;

import static dev.paved.jobs.delivery.Events.at;
import static dev.paved.jobs.delivery.Events.deploy;
import static dev.paved.jobs.delivery.Events.incident;
import static dev.paved.model.Incident.Action.OPENED;
import static dev.paved.model.Incident.Action.RESOLVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.model.Deploy;
import org.junit.jupiter.api.Test;

class ChangeFailureAttributionTest {

  private final DeliveryFlow flow = new DeliveryFlow();

  private DeployFact deployFact(String deployId) {
    return flow.deploys.row(DeployFact.idOf(deployId));
  }

  @Test
  void deployFactsSayWhatFailedAndWhatIsProduction() {
    flow.send(
        deploy("e-1", "2026-03-05T09:00:00Z", "payments", "d-1"),
        deploy(
            "e-2",
            "2026-03-05T10:00:00Z",
            "payments",
            "d-2",
            "production",
            Deploy.Status.ROLLED_BACK),
        deploy("e-3", "2026-03-05T11:00:00Z", "payments", "d-3", "staging", Deploy.Status.FAILURE));

    assertTrue(deployFact("d-1").production());
    assertFalse(deployFact("d-1").failed());
    assertTrue(deployFact("d-2").failed());
    assertFalse(deployFact("d-3").production());
    assertTrue(deployFact("d-3").failed());
    assertFalse(deployFact("d-1").causedIncident());
  }

  @Test
  void laterRollbackReportSupersedesTheSuccessButKeepsTheFinishTime() {
    flow.send(
        deploy("e-1", "2026-03-05T09:00:00Z", "payments", "d-1"),
        deploy(
            "e-2",
            "2026-03-05T09:40:00Z",
            "payments",
            "d-1",
            "production",
            Deploy.Status.ROLLED_BACK));

    assertEquals(Deploy.Status.ROLLED_BACK, deployFact("d-1").status());
    assertTrue(deployFact("d-1").failed());
    assertEquals(at("2026-03-05T09:00:00Z"), deployFact("d-1").finishedAt());
  }

  @Test
  void incidentNamingADeployMarksIt() {
    flow.send(
        deploy("e-1", "2026-03-05T09:00:00Z", "payments", "d-1"),
        incident("i-1", "2026-03-05T10:00:00Z", "inc-1", OPENED, "payments", "d-1"));

    assertTrue(deployFact("d-1").causedIncident());
    assertFalse(deployFact("d-1").incidentInferred());
  }

  @Test
  void incidentNamingADeployOfAnotherServiceOrNoServiceStillMarksIt() {
    flow.send(
        deploy("e-1", "2026-03-05T09:00:00Z", "payments", "d-1"),
        incident("i-1", "2026-03-05T10:00:00Z", "inc-1", OPENED, "search", "d-1"),
        deploy("e-2", "2026-03-05T09:30:00Z", "ledger", "d-2"),
        incident("i-2", "2026-03-05T10:00:00Z", "inc-2", OPENED, null, "d-2"));

    assertTrue(deployFact("d-1").causedIncident());
    assertTrue(deployFact("d-2").causedIncident());
  }

  @Test
  void incidentNamingNoDeployIsInferredToTheLastDeployWithin24Hours() {
    flow.send(
        deploy("e-1", "2026-03-05T09:00:00Z", "payments", "d-1"),
        deploy("e-2", "2026-03-05T20:00:00Z", "payments", "d-2"),
        // a later deploy, after the opening, is not a candidate
        deploy("e-3", "2026-03-06T09:00:00Z", "payments", "d-3"),
        incident("i-1", "2026-03-06T08:00:00Z", "inc-1", OPENED, "payments", null));

    // d-2 finished 12 h before the opening, and is the last before it
    assertTrue(deployFact("d-2").causedIncident());
    assertTrue(deployFact("d-2").incidentInferred());
    assertFalse(deployFact("d-1").causedIncident());
    assertFalse(deployFact("d-3").causedIncident());
  }

  @Test
  void deployFinishedExactly24HoursBeforeIsInsideTheWindowOneSecondMoreIsNot() {
    flow.send(
        deploy("e-1", "2026-03-04T08:00:00Z", "payments", "d-1"),
        incident("i-1", "2026-03-05T08:00:00Z", "inc-1", OPENED, "payments", null),
        deploy("e-2", "2026-03-04T07:59:59Z", "ledger", "d-2"),
        incident("i-2", "2026-03-05T08:00:00Z", "inc-2", OPENED, "ledger", null));

    assertTrue(deployFact("d-1").causedIncident()); // 24 h 0 s before
    assertFalse(deployFact("d-2").causedIncident()); // 24 h 1 s before
  }

  @Test
  void deployArrivingAfterTheIncidentIsAttributedAndMovesTheAttribution() {
    flow.send(
        incident("i-1", "2026-03-06T08:00:00Z", "inc-1", OPENED, "payments", null),
        deploy("e-1", "2026-03-06T06:00:00Z", "payments", "d-1"));
    assertTrue(deployFact("d-1").causedIncident()); // 2 h before the opening

    flow.send(deploy("e-2", "2026-03-06T07:00:00Z", "payments", "d-2")); // 1 h before: later

    assertFalse(deployFact("d-1").causedIncident());
    assertTrue(deployFact("d-2").causedIncident());
    assertTrue(deployFact("d-2").incidentInferred());
  }

  @Test
  void failedDeployIsNotInferredAsTheCause() {
    flow.send(
        deploy("e-1", "2026-03-06T03:00:00Z", "payments", "d-1"),
        deploy(
            "e-2", "2026-03-06T07:00:00Z", "payments", "d-2", "production", Deploy.Status.FAILURE),
        incident("i-1", "2026-03-06T08:00:00Z", "inc-1", OPENED, "payments", null));

    assertTrue(deployFact("d-1").causedIncident()); // the last successful one, 5 h before
    assertFalse(deployFact("d-2").causedIncident()); // failed already; not the inferred cause
  }

  @Test
  void causeNamedOnResolutionReplacesTheInference() {
    flow.send(
        deploy("e-1", "2026-03-06T06:00:00Z", "payments", "d-1"),
        deploy("e-2", "2026-03-05T06:00:00Z", "payments", "d-0"),
        incident("i-1", "2026-03-06T08:00:00Z", "inc-1", OPENED, "payments", null));
    assertTrue(deployFact("d-1").incidentInferred());

    flow.send(incident("i-2", "2026-03-06T09:00:00Z", "inc-1", RESOLVED, null, "d-0"));

    assertFalse(deployFact("d-1").causedIncident());
    assertTrue(deployFact("d-0").causedIncident());
    assertFalse(deployFact("d-0").incidentInferred());
  }

  @Test
  void attributionBeforeTheDeployEventIsKeptUntilItArrives() {
    flow.send(incident("i-1", "2026-03-05T10:00:00Z", "inc-1", OPENED, "payments", "d-9"));
    assertNull(deployFact("d-9"));

    flow.send(deploy("e-9", "2026-03-05T09:00:00Z", "payments", "d-9"));

    assertTrue(deployFact("d-9").causedIncident());
  }

  @Test
  void expireDropsWhatLateEventsCanNoLongerChange() {
    ChangeFailureAttribution attribution = flow.attribution;
    AttributionState state = new AttributionState();
    attribution.onDeploy(state, deploy("e-1", "2026-03-05T09:00:00Z", "payments", "d-1"));
    flow.send(incident("i-1", "2026-03-05T10:00:00Z", "inc-1", OPENED, "payments", null));
    attribution.onIncident(state, flow.incidents.row("incident:inc-1"));

    // the incident goes 7 days after its opening; the deploy 7 days + 24 h after it finished
    assertEquals(at("2026-03-12T10:00:00Z"), attribution.expiry(state));
    attribution.expire(state, at("2026-03-12T10:00:00Z"));
    assertTrue(state.incidents.isEmpty());
    assertEquals(at("2026-03-13T09:00:00Z"), attribution.expiry(state));
    attribution.expire(state, at("2026-03-13T09:00:00Z"));
    assertTrue(state.deploys.isEmpty());
    assertNull(attribution.expiry(state));
  }
}
