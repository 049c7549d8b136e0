package dev.paved.jobs.delivery;

import dev.paved.model.Incident;
import java.time.Instant;

/** What one {@code incident} event said; the incident state keeps one per event id. */
public record IncidentReport(
    String eventId,
    Incident.Action action,
    Instant time,
    String service,
    String team,
    String causedByDeploy,
    String severity) {}
