package dev.paved.jobs.onboarding;

import java.time.Instant;

/**
 * A change the developer authored, in {@link OnboardingState}.
 *
 * @param changeKey service and change id, as {@link
 *     dev.paved.jobs.delivery.LeadTimeCalculator#key(String, String)}: a change is counted once
 *     however many events name it
 * @param deployedAt its first successful production deploy; null while not shipped
 */
public record AuthoredChange(String changeKey, Instant authoredAt, Instant deployedAt) {}
