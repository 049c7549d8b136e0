package dev.paved.jobs.onboarding;

import static dev.paved.jobs.delivery.Events.change;
import static dev.paved.jobs.delivery.Events.deploy;
import static dev.paved.jobs.delivery.Events.developer;
import static dev.paved.jobs.delivery.Events.usage;
import static dev.paved.model.Developer.Action.JOINED;
import static dev.paved.model.Developer.Action.LEFT;
import static dev.paved.model.Usage.Action.COMPLETED;
import static dev.paved.model.Usage.Action.STARTED;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.paved.jobs.delivery.StatePojos;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/** The onboarding states, filled by a small history, are Flink POJOs that round-trip. */
class OnboardingStateTest {

  private final OnboardingFlow flow = new OnboardingFlow();

  OnboardingStateTest() {
    flow.send(
        developer("j-1", "2026-03-01T08:00:00Z", "dev-77", JOINED, "search"),
        usage(
            "u-1",
            "2026-03-01T09:00:00Z",
            "dev-77",
            BootstrapRuns.FEATURE,
            STARTED,
            "r-1",
            Map.of("service", "search-api")),
        usage(
            "u-2",
            "2026-03-01T09:20:00Z",
            "dev-77",
            BootstrapRuns.FEATURE,
            COMPLETED,
            "r-1",
            Map.of()),
        change("c-1", "2026-03-01T10:00:00Z", "search-api", "a1", "dev-77"),
        deploy("d-1", "2026-03-02T14:00:00Z", "search-api", "9001", "a1"),
        developer("l-1", "2026-03-20T08:00:00Z", "dev-77", LEFT, "search"));
  }

  @Test
  void calculatorsSerializeWithTheFunctionsThatHoldThem() throws Exception {
    for (Object calculator : List.of(flow.onboarding, flow.runs, flow.bootstrap)) {
      assertNotNull(InstantiationUtil.clone((Serializable) calculator));
    }
  }

  @Test
  void onboardingState() throws Exception {
    StatePojos.assertRoundTrip(flow.byDeveloper.get("dev-77"));
  }

  @Test
  void bootstrapStates() throws Exception {
    StatePojos.assertRoundTrip(flow.byRun.get("r-1"));
    StatePojos.assertRoundTrip(flow.byService.get("search-api"));
  }
}
