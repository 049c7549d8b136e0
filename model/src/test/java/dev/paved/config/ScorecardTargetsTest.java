package dev.paved.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorecardTargetsTest {
  @Test
  void defaultsAreDorasHighBoundsAndThePlatformTargets() {
    ScorecardTargets targets = PavedConfig.defaults().api().scorecard();
    assertEquals(1.0 / 7, targets.deploymentFrequency());
    assertEquals(604_800, targets.leadTimeSeconds());
    assertEquals(0.10, targets.changeFailureRate());
    assertEquals(86_400, targets.recoveryTimeSeconds());
    assertEquals(1_209_600, targets.firstDeploySeconds());
    assertEquals(0.75, targets.surveyShare());
    assertEquals(List.of("cognitive_load"), targets.surveyLowerIsBetter());
    assertEquals(10, targets.ticketLoad());
    assertEquals(0.80, targets.goldenPathShare());
  }

  @Test
  void readsTheEnvironment() {
    ScorecardTargets targets =
        ScorecardTargets.from(
            SettingValues.of(
                Map.of(
                    "PAVED_SCORECARD_TARGET_ABANDONMENT_RATE", "0.2",
                    "PAVED_SCORECARD_SURVEY_LOWER_IS_BETTER", " toil , cognitive_load,toil"),
                Map.of()));
    assertEquals(0.2, targets.abandonmentRate());
    assertEquals(List.of("toil", "cognitive_load"), targets.surveyLowerIsBetter());
  }

  @Test
  void refusesWhatCannotBeATarget() {
    for (Map.Entry<String, String> bad :
        Map.of(
                "PAVED_SCORECARD_TARGET_LEAD_TIME_SECONDS", "a week",
                "PAVED_SCORECARD_TARGET_RECOVERY_TIME_SECONDS", "0",
                "PAVED_SCORECARD_TARGET_GOLDEN_PATH_SHARE", "80",
                "PAVED_SCORECARD_TARGET_TICKET_LOAD", "NaN")
            .entrySet()) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> ScorecardTargets.from(SettingValues.of(Map.ofEntries(bad), Map.of())));
      assertTrue(e.getMessage().startsWith(bad.getKey()), e.getMessage());
    }
  }
}
