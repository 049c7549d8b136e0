package dev.paved.jobs.delivery;

import java.time.Instant;

/**
 * A message to a deploy's key: this incident is (or, {@code withdrawn}, is no longer) attributed to
 * this deploy. {@link RecoveryTime} sends the explicit ones ({@code caused_by_deploy}), {@link
 * ChangeFailureAttribution} the inferred ones; {@link DeployOutcomes} keeps the current set.
 *
 * @param inferred made by {@link ChangeFailureAttribution}, not named by the incident
 * @param at the event time of the input that caused the message, for the receiver's clock
 */
public record Attribution(
    String deployId, String incidentId, boolean inferred, boolean withdrawn, Instant at) {}
