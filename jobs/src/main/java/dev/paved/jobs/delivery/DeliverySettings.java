package dev.paved.jobs.delivery;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * The settings the delivery and onboarding calculators share.
 *
 * @param productionEnvironments a deploy counts as production when its {@code environment} is in
 *     this set (default {@code production}, {@code prod})
 * @param lateness how far apart in event time a change and its deploy, or any two events of one
 *     fact, may arrive (default 7 days); also how long a finished fact stays open for late and
 *     duplicate events
 * @param attributionWindow how long before an incident opens a deploy may have finished to have the
 *     incident attributed to it when the incident names no deploy (default 24 hours)
 * @param horizon the longest a fact waits for a slow event (default 180 days, the upper end of
 *     DORA's slowest lead time): a change for its first production deploy, a deploy for an incident
 *     that names it, an open incident for its resolution, a service-template run for the service's
 *     first deploy
 */
public record DeliverySettings(
    Set<String> productionEnvironments,
    Duration lateness,
    Duration attributionWindow,
    Duration horizon)
    implements Serializable {

  public static final DeliverySettings DEFAULTS =
      new DeliverySettings(
          Set.of("production", "prod"),
          Duration.ofDays(7),
          Duration.ofHours(24),
          Duration.ofDays(180));

  public DeliverySettings {
    productionEnvironments = Set.copyOf(productionEnvironments);
    requirePositive(lateness, "lateness");
    requirePositive(attributionWindow, "attributionWindow");
    requirePositive(horizon, "horizon");
  }

  /**
   * The same windows with another production set (setting {@code metrics.production-environments}).
   */
  public DeliverySettings withProductionEnvironments(Collection<String> environments) {
    return new DeliverySettings(Set.copyOf(environments), lateness, attributionWindow, horizon);
  }

  /** Whether a deploy to this environment is a production deploy. */
  public boolean isProduction(String environment) {
    return productionEnvironments.contains(environment);
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + duration);
    }
  }
}
