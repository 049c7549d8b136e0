package dev.paved.jobs.onboarding;

import static dev.paved.jobs.delivery.Events.deploy;
import static dev.paved.jobs.delivery.Events.usage;
import static dev.paved.model.Usage.Action.COMPLETED;
import static dev.paved.model.Usage.Action.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.model.Deploy;
import dev.paved.model.Event;
import dev.paved.model.Usage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceBootstrapTest {

  private static final String ID = "bootstrap:search-api";

  private final OnboardingFlow flow = new OnboardingFlow();

  private static Event started(String eventId, String time, String runId) {
    return usage(
        eventId,
        time,
        "dev-77",
        BootstrapRuns.FEATURE,
        STARTED,
        runId,
        Map.of("service", "search-api"));
  }

  private static Event completed(String eventId, String time, String runId) {
    return usage(eventId, time, "dev-77", BootstrapRuns.FEATURE, COMPLETED, runId, Map.of());
  }

  @Test
  void endsAtTheRunsCompletionUntilAProductionDeployFollows() {
    flow.send(
        started("u-1", "2026-03-01T09:00:00Z", "r-1"),
        completed("u-2", "2026-03-01T09:20:00Z", "r-1"));
    BootstrapFact completedOnly = flow.bootstraps.row(ID);
    assertTrue(completedOnly.completedWithoutDeploy());
    assertEquals(1200.0, completedOnly.bootstrapSeconds()); // 20 min

    flow.send(deploy("d-1", "2026-03-02T14:00:00Z", "search-api", "9001"));

    BootstrapFact deployed = flow.bootstraps.row(ID);
    assertFalse(deployed.completedWithoutDeploy());
    assertEquals("9001", deployed.deployId());
    assertEquals(104400.0, deployed.bootstrapSeconds()); // 03-01 09:00 -> 03-02 14:00 = 1 d 5 h
  }

  @Test
  void completionArrivingBeforeTheStartIsPairedWithIt() {
    flow.send(completed("u-2", "2026-03-01T09:20:00Z", "r-1"));
    assertNull(flow.bootstraps.row(ID)); // nothing names the service yet

    flow.send(started("u-1", "2026-03-01T09:00:00Z", "r-1"));

    assertEquals(1200.0, flow.bootstraps.row(ID).bootstrapSeconds());
  }

  @Test
  void onlyASuccessfulProductionDeployAfterTheStartEndsIt() {
    flow.send(
        deploy("d-0", "2026-02-28T10:00:00Z", "search-api", "8999"),
        started("u-1", "2026-03-01T09:00:00Z", "r-1"),
        deploy(
            "d-1",
            "2026-03-01T12:00:00Z",
            "search-api",
            "9000",
            "production",
            Deploy.Status.FAILURE),
        deploy(
            "d-2", "2026-03-01T13:00:00Z", "search-api", "9001", "staging", Deploy.Status.SUCCESS));

    BootstrapFact open = flow.bootstraps.row(ID);
    assertNull(open.endedAt());
    assertNull(open.bootstrapSeconds());
    assertFalse(open.completedWithoutDeploy());
  }

  @Test
  void retryDoesNotRestartTheClock() {
    flow.send(
        started("u-1", "2026-03-01T09:00:00Z", "r-1"),
        started("u-3", "2026-03-03T09:00:00Z", "r-2"),
        completed("u-4", "2026-03-03T09:30:00Z", "r-2"),
        deploy("d-1", "2026-03-04T09:00:00Z", "search-api", "9001"));

    BootstrapFact fact = flow.bootstraps.row(ID);
    assertEquals("r-1", fact.runId());
    assertEquals(259200.0, fact.bootstrapSeconds()); // 03-01 09:00 -> 03-04 09:00 = 3 d
  }

  @Test
  void onlyStartsAndCompletionsOfServiceTemplateRunsCount() {
    assertTrue(BootstrapRuns.isBootstrapEvent(started("u-1", "2026-03-01T09:00:00Z", "r-1")));
    assertFalse(
        BootstrapRuns.isBootstrapEvent(
            usage("u-2", "2026-03-01T09:00:00Z", "dev-77", "secrets", STARTED, "r-2", Map.of())));
    assertFalse(
        BootstrapRuns.isBootstrapEvent(
            usage(
                "u-3",
                "2026-03-01T09:05:00Z",
                "dev-77",
                BootstrapRuns.FEATURE,
                Usage.Action.STEP,
                "r-1",
                Map.of())));
  }
}
