package dev.paved.jobs.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliverySettingsTest {

  @Test
  void productionSetComesFromTheSettingAndKeepsTheWindows() {
    DeliverySettings live =
        DeliverySettings.DEFAULTS.withProductionEnvironments(List.of("live", "prod-eu"));
    assertTrue(live.isProduction("live"));
    assertTrue(live.isProduction("prod-eu"));
    assertFalse(live.isProduction("production"), "the default set is replaced, not extended");
    assertEquals(DeliverySettings.DEFAULTS.lateness(), live.lateness());
    assertEquals(DeliverySettings.DEFAULTS.attributionWindow(), live.attributionWindow());
    assertEquals(DeliverySettings.DEFAULTS.horizon(), live.horizon());
  }
}
