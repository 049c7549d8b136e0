package dev.paved.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The scorecard's targets (metrics.md §6): what each metric should reach in a period. The DORA keys
 * default to the "high" level of the current DORA report; the others to what a platform team that
 * serves its developers well would ask of itself.
 *
 * @param deploymentFrequency successful production deploys per day, at least
 * @param leadTimeSeconds median lead time for changes, at most
 * @param changeFailureRate failed or incident-causing production deploys / all, at most
 * @param recoveryTimeSeconds median failed deployment recovery time, at most
 * @param firstChangeSeconds Kaplan–Meier median time from joining to the first change, at most
 * @param firstDeploySeconds the same to the first production deploy of one's change, at most
 * @param tenthChangeSeconds the same to the tenth change, at most
 * @param abandonmentRate abandoned workflow attempts / attempts started, at most
 * @param surveyShare a survey question's mean, as the share of its scale from the worse end, at
 *     least (0.75 on 1-5 is a mean of 4)
 * @param surveyLowerIsBetter questions whose low scores are the good ones (e.g. cognitive load)
 * @param ticketLoad tickets opened per 100 active developers, at most
 * @param goldenPathShare share of services without an active deviation, at least
 */
public record ScorecardTargets(
    double deploymentFrequency,
    double leadTimeSeconds,
    double changeFailureRate,
    double recoveryTimeSeconds,
    double firstChangeSeconds,
    double firstDeploySeconds,
    double tenthChangeSeconds,
    double abandonmentRate,
    double surveyShare,
    List<String> surveyLowerIsBetter,
    double ticketLoad,
    double goldenPathShare) {

  public ScorecardTargets {
    surveyLowerIsBetter = List.copyOf(surveyLowerIsBetter);
  }

  /** The defaults of {@link Settings}. */
  public static ScorecardTargets defaults() {
    return from(SettingValues.of(Map.of(), Map.of()));
  }

  static ScorecardTargets from(SettingValues values) {
    return new ScorecardTargets(
        positive(values, Settings.SCORECARD_DEPLOYMENT_FREQUENCY),
        positive(values, Settings.SCORECARD_LEAD_TIME_SECONDS),
        fraction(values, Settings.SCORECARD_CHANGE_FAILURE_RATE),
        positive(values, Settings.SCORECARD_RECOVERY_TIME_SECONDS),
        positive(values, Settings.SCORECARD_FIRST_CHANGE_SECONDS),
        positive(values, Settings.SCORECARD_FIRST_DEPLOY_SECONDS),
        positive(values, Settings.SCORECARD_TENTH_CHANGE_SECONDS),
        fraction(values, Settings.SCORECARD_ABANDONMENT_RATE),
        fraction(values, Settings.SCORECARD_SURVEY_SHARE),
        Arrays.stream(values.string(Settings.SCORECARD_SURVEY_LOWER_IS_BETTER).split(","))
            .map(String::trim)
            .filter(q -> !q.isEmpty())
            .distinct()
            .toList(),
        positive(values, Settings.SCORECARD_TICKET_LOAD),
        fraction(values, Settings.SCORECARD_GOLDEN_PATH_SHARE));
  }

  private static double positive(SettingValues values, Setting setting) {
    double value = number(values, setting);
    if (!(value > 0)) {
      throw new ConfigException(SettingValues.describe(setting) + ": must be above 0");
    }
    return value;
  }

  private static double fraction(SettingValues values, Setting setting) {
    double value = number(values, setting);
    if (!(value >= 0 && value <= 1)) {
      throw new ConfigException(
          SettingValues.describe(setting) + ": must be a fraction from 0 to 1");
    }
    return value;
  }

  private static double number(SettingValues values, Setting setting) {
    String raw = values.string(setting);
    try {
      double value = Double.parseDouble(raw);
      if (!Double.isFinite(value)) {
        throw new NumberFormatException(raw);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          SettingValues.describe(setting) + ": must be a number (got \"" + raw + "\")");
    }
  }
}
