package dev.paved.jobs.workflows;

import static dev.paved.jobs.workflows.WorkflowEvents.used;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.model.Event;
import org.junit.jupiter.api.Test;

class FeatureUseTest {

  @Test
  void oneRowPerFeatureDeveloperAndFifteenMinuteSlot() {
    FeatureUse first = FeatureUse.of(used("e-1", "2026-03-02T09:14:59Z", "dev-1", "a", "secrets"));
    FeatureUse second =
        FeatureUse.of(used("e-2", "2026-03-02T09:00:00.5Z", "dev-1", "b", "secrets"));
    FeatureUse next = FeatureUse.of(used("e-3", "2026-03-02T09:15:00Z", "dev-1", "a", "secrets"));

    // 2026-03-02T09:00:00Z is 1,772,442,000 s after the epoch.
    assertEquals("usage:secrets:dev-1:1772442000", first.id());
    assertEquals(first.id(), second.id());
    assertEquals("2026-03-02 09:00:00", first.slotStart());
    assertEquals("2026-03-02 09:15:00", next.slotStart());
    // The later event of the slot wins: its version is its time in microseconds.
    assertEquals(1_772_442_899_000_000L, first.version());
    assertEquals(1_772_442_000_500_000L, second.version());
    assertEquals("a", first.team());
  }

  @Test
  void onlyUsageOfANamedDeveloperCounts() {
    Event anonymous = used("e-1", "2026-03-02T09:00:00Z", null, "a", "secrets");
    assertFalse(FeatureUse.isFeatureUse(anonymous));
    assertTrue(FeatureUse.isFeatureUse(used("e-2", "2026-03-02T09:00:00Z", "dev-1", null, "x")));
    assertEquals("", FeatureUse.of(used("e-2", "2026-03-02T09:00:00Z", "dev-1", null, "x")).team());
  }
}
