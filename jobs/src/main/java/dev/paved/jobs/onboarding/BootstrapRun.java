package dev.paved.jobs.onboarding;

import java.time.Instant;

/**
 * One {@code service-template} workflow run as far as it is known, from {@link BootstrapRuns} to
 * {@link ServiceBootstrap} keyed by {@code service}.
 *
 * @param service the service it creates: {@code attributes.service} of its {@code started} event
 * @param startedAt its earliest {@code started} event's time
 * @param completedAt its earliest {@code completed} event's time; null while not completed
 */
public record BootstrapRun(
    String runId,
    String service,
    String actor,
    String team,
    Instant startedAt,
    Instant completedAt) {}
