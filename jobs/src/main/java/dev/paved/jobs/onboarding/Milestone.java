package dev.paved.jobs.onboarding;

import dev.paved.model.WireValue;

/**
 * The onboarding milestones of metrics.md, section 2; wire names as the API's {@code milestone}.
 */
public enum Milestone implements WireValue {
  /** The first {@code change} the developer authored. */
  FIRST_CHANGE,
  /** The first successful production deploy that shipped a change they authored. */
  FIRST_DEPLOY,
  /** The tenth change they authored. */
  TENTH_CHANGE
}
