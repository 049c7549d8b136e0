package dev.paved.metrics;

import static dev.paved.metrics.PerformanceLevels.Key.CHANGE_FAILURE_RATE;
import static dev.paved.metrics.PerformanceLevels.Key.DEPLOYMENT_FREQUENCY;
import static dev.paved.metrics.PerformanceLevels.Key.LEAD_TIME;
import static dev.paved.metrics.PerformanceLevels.Key.RECOVERY_TIME;
import static dev.paved.metrics.PerformanceLevels.Level.ELITE;
import static dev.paved.metrics.PerformanceLevels.Level.HIGH;
import static dev.paved.metrics.PerformanceLevels.Level.LOW;
import static dev.paved.metrics.PerformanceLevels.Level.MEDIUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PerformanceLevelsTest {

  private final PerformanceLevels levels = PerformanceLevels.current();

  @Test
  void namesItsSource() {
    assertEquals("Accelerate State of DevOps Report", levels.source().title());
    assertEquals(2023, levels.source().year());
    assertTrue(levels.source().citation().endsWith("Accelerate State of DevOps Report 2023"));
    assertEquals("Less than one day", levels.definition(LEAD_TIME).thresholds().get(0).report());
  }

  @Test
  void gradesDeploymentFrequencyInDeploysPerDay() {
    assertEquals(ELITE, levels.grade(DEPLOYMENT_FREQUENCY, 3.0));
    assertEquals(ELITE, levels.grade(DEPLOYMENT_FREQUENCY, 1.0)); // daily
    assertEquals(HIGH, levels.grade(DEPLOYMENT_FREQUENCY, 2.0 / 7)); // twice a week
    assertEquals(HIGH, levels.grade(DEPLOYMENT_FREQUENCY, 1.0 / 7)); // weekly
    assertEquals(MEDIUM, levels.grade(DEPLOYMENT_FREQUENCY, 1.0 / 14)); // fortnightly
    assertEquals(LOW, levels.grade(DEPLOYMENT_FREQUENCY, 1.0 / 60)); // every two months
  }

  @Test
  void gradesLeadTimeInSeconds() {
    assertEquals(ELITE, levels.grade(LEAD_TIME, 3600)); // an hour
    assertEquals(HIGH, levels.grade(LEAD_TIME, 86400)); // exactly a day is not "less than"
    assertEquals(HIGH, levels.grade(LEAD_TIME, 604800)); // a week
    assertEquals(MEDIUM, levels.grade(LEAD_TIME, 604801));
    assertEquals(MEDIUM, levels.grade(LEAD_TIME, 2592000)); // 30 days
    assertEquals(LOW, levels.grade(LEAD_TIME, 2592001));
  }

  @Test
  void gradesChangeFailureRateAsAFraction() {
    assertEquals(ELITE, levels.grade(CHANGE_FAILURE_RATE, 0.0));
    assertEquals(ELITE, levels.grade(CHANGE_FAILURE_RATE, 0.05));
    assertEquals(HIGH, levels.grade(CHANGE_FAILURE_RATE, 0.08));
    assertEquals(MEDIUM, levels.grade(CHANGE_FAILURE_RATE, 0.15));
    assertEquals(LOW, levels.grade(CHANGE_FAILURE_RATE, 0.2));
  }

  @Test
  void gradesRecoveryTimeInSeconds() {
    assertEquals(ELITE, levels.grade(RECOVERY_TIME, 1800)); // half an hour
    assertEquals(HIGH, levels.grade(RECOVERY_TIME, 3600)); // an hour is not "less than one hour"
    assertEquals(MEDIUM, levels.grade(RECOVERY_TIME, 86400)); // a day
    assertEquals(MEDIUM, levels.grade(RECOVERY_TIME, 604800)); // a week
    assertEquals(LOW, levels.grade(RECOVERY_TIME, 1209600)); // two weeks
  }

  @Test
  void overallIsTheLevelAtLeastThreeOfFourKeysReach() {
    // worst first: low, high, elite, elite; the lower median is the second: high
    assertEquals(Optional.of(HIGH), PerformanceLevels.overall(List.of(ELITE, LOW, ELITE, HIGH)));
    // two weak keys pull it down: medium, medium, elite, elite -> medium
    assertEquals(
        Optional.of(MEDIUM), PerformanceLevels.overall(List.of(ELITE, MEDIUM, ELITE, MEDIUM)));
    // three graded: the median; worst first medium, high, elite -> high
    assertEquals(Optional.of(HIGH), PerformanceLevels.overall(List.of(ELITE, HIGH, MEDIUM)));
    // two graded: the worse
    assertEquals(Optional.of(LOW), PerformanceLevels.overall(List.of(ELITE, LOW)));
    assertEquals(Optional.empty(), PerformanceLevels.overall(List.of()));
  }

  @Test
  void refusesThresholdsOutOfOrder() {
    String json =
        new String(readResource(), StandardCharsets.UTF_8)
            .replace("\"at_most\": 0.10", "\"at_most\": 0.01");

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> PerformanceLevels.load(stream(json)));
    assertEquals("change_failure_rate: the bound of high is out of order", error.getMessage());
  }

  @Test
  void refusesALowLevelWithABound() {
    String json =
        new String(readResource(), StandardCharsets.UTF_8)
            .replace("\"report\": \"64%\"", "\"report\": \"64%\", \"at_most\": 1");

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> PerformanceLevels.load(stream(json)));
    assertEquals("change_failure_rate level 4 takes the rest and has no bound", error.getMessage());
  }

  private static byte[] readResource() {
    try (InputStream in = PerformanceLevels.class.getResourceAsStream(PerformanceLevels.RESOURCE)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static InputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
