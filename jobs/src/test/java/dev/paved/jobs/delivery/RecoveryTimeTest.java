package dev.paved.jobs.delivery;

import static dev.paved.jobs.delivery.DeliveryFlow.only;
import static dev.paved.jobs.delivery.Events.at;
import static dev.paved.jobs.delivery.Events.incident;
import static dev.paved.model.Incident.Action.OPENED;
import static dev.paved.model.Incident.Action.RESOLVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryTimeTest {

  private static final String ID = "incident:inc-1";

  private final DeliveryFlow flow = new DeliveryFlow();

  @Test
  void recoveryTimeIsResolvedMinusOpened() {
    flow.send(
        incident("i-1", "2026-03-05T10:00:00Z", "inc-1", OPENED, "payments", null),
        incident("i-2", "2026-03-05T11:30:00.500Z", "inc-1", RESOLVED, null, null));

    IncidentFact fact = flow.incidents.row(ID);
    assertEquals("payments", fact.service());
    assertEquals(at("2026-03-05T11:30:00.500Z"), fact.resolvedAt());
    assertEquals(5400.5, fact.recoverySeconds()); // 1 h 30 min 0.5 s
  }

  @Test
  void openIncidentHasNoResolution() {
    flow.send(incident("i-1", "2026-03-05T10:00:00Z", "inc-1", OPENED, "payments", null));

    IncidentFact fact = flow.incidents.row(ID);
    assertEquals(at("2026-03-05T10:00:00Z"), fact.openedAt());
    assertNull(fact.resolvedAt());
    assertNull(fact.recoverySeconds());
  }

  @Test
  void resolutionArrivingBeforeTheOpeningWaitsForIt() {
    List<Object> early =
        flow.send(incident("i-2", "2026-03-05T11:30:00Z", "inc-1", RESOLVED, "payments", null));
    assertTrue(only(IncidentFact.class, early).isEmpty());

    flow.send(incident("i-1", "2026-03-05T10:00:00Z", "inc-1", OPENED, null, null));

    IncidentFact fact = flow.incidents.row(ID);
    assertEquals(5400.0, fact.recoverySeconds()); // 10:00 -> 11:30
    assertEquals("payments", fact.service()); // the opening names none: the resolution's
  }

  @Test
  void reopenedIncidentIsOpenUntilResolvedAgainAndCountsFromItsFirstOpening() {
    flow.send(
        incident("i-1", "2026-03-05T10:00:00Z", "inc-1", OPENED, "payments", null),
        incident("i-2", "2026-03-05T11:00:00Z", "inc-1", RESOLVED, null, null),
        incident("i-3", "2026-03-05T12:00:00Z", "inc-1", OPENED, null, null));
    assertNull(flow.incidents.row(ID).resolvedAt());

    flow.send(incident("i-4", "2026-03-05T13:00:00Z", "inc-1", RESOLVED, null, null));

    assertEquals(10800.0, flow.incidents.row(ID).recoverySeconds()); // 10:00 -> 13:00 = 3 h
  }

  @Test
  void duplicateEventChangesNothing() {
    flow.send(incident("i-1", "2026-03-05T10:00:00Z", "inc-1", OPENED, "payments", null));

    List<Object> duplicate =
        flow.send(incident("i-1", "2026-03-05T10:00:00Z", "inc-1", OPENED, "payments", null));

    assertTrue(duplicate.isEmpty());
    assertEquals(1, flow.byIncident.get("inc-1").reports.size());
  }

  @Test
  void namedCauseIsSentToTheDeployAndMovesWhenCorrected() {
    RecoveryTime recovery = flow.recovery;
    IncidentState state = new IncidentState();

    IncidentUpdate opened =
        recovery.onIncident(
            state, incident("i-1", "2026-03-05T10:00:00Z", "inc-1", OPENED, "payments", "d-1"));
    assertEquals(
        List.of(new Attribution("d-1", "inc-1", false, false, at("2026-03-05T10:00:00Z"))),
        opened.attributions());

    // the resolution names the root cause found meanwhile: the later event wins
    IncidentUpdate resolved =
        recovery.onIncident(
            state, incident("i-2", "2026-03-05T12:00:00Z", "inc-1", RESOLVED, null, "d-2"));
    assertEquals(
        List.of(
            new Attribution("d-1", "inc-1", false, true, at("2026-03-05T12:00:00Z")),
            new Attribution("d-2", "inc-1", false, false, at("2026-03-05T12:00:00Z"))),
        resolved.attributions());
    assertEquals("d-2", resolved.facts().get(0).causedByDeploy());
  }

  @Test
  void openIncidentStateLivesForTheHorizonResolvedOneForTheLateness() {
    RecoveryTime recovery = flow.recovery;
    IncidentState state = new IncidentState();
    recovery.onIncident(
        state, incident("i-1", "2026-03-05T10:00:00Z", "inc-1", OPENED, "payments", null));
    // 180 days after 03-05: 26 days left in March, then 30+31+30+31 = 122, 32 into September
    assertEquals(at("2026-09-01T10:00:00Z"), recovery.expiry(state));

    recovery.onIncident(
        state, incident("i-2", "2026-03-05T11:00:00Z", "inc-1", RESOLVED, null, null));
    assertEquals(at("2026-03-12T11:00:00Z"), recovery.expiry(state)); // 7 days after the latest
  }
}
