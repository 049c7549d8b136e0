package dev.paved.jobs.onboarding;

import dev.paved.model.Developer;
import java.time.Instant;

/** What one {@code joined} or {@code left} event said; the state keeps one per event id. */
public record MembershipReport(
    String eventId, Developer.Action action, Instant time, String team) {}
