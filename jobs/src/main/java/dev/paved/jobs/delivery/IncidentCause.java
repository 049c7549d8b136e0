package dev.paved.jobs.delivery;

/** An incident attributed to a deploy, in {@link DeployOutcomeState}. */
public record IncidentCause(String incidentId, boolean inferred) {}
