package dev.paved.jobs.delivery;

import java.time.Instant;

/**
 * Fact: one incident, for failed deployment recovery time. One row per {@code incident_id}; it
 * appears once the incident's {@code opened} event is known.
 *
 * @param id {@code incident:<incident_id>}
 * @param service where it opened: the earliest {@code opened} event naming one, else the latest
 *     {@code resolved} event naming one; null when none does
 * @param team chosen like {@code service}
 * @param openedAt the earliest {@code opened} event's time
 * @param resolvedAt the latest {@code resolved} event's time; null while open, which includes an
 *     incident opened again after its latest resolution (the API lists open ones with their age)
 * @param recoverySeconds {@code resolved_at - opened_at}; null while open
 * @param causedByDeploy the {@code deploy_id} named by its latest event that names one; null when
 *     none does (its change failure may then be inferred, see {@link ChangeFailureAttribution})
 * @param severity the latest severity sent; null when none was
 * @param version see {@link FactVersion}
 */
public record IncidentFact(
    String id,
    String incidentId,
    String service,
    String team,
    Instant openedAt,
    Instant resolvedAt,
    Double recoverySeconds,
    String causedByDeploy,
    String severity,
    long version) {

  public static String idOf(String incidentId) {
    return "incident:" + incidentId;
  }

  IncidentFact withVersion(long newVersion) {
    return new IncidentFact(
        id,
        incidentId,
        service,
        team,
        openedAt,
        resolvedAt,
        recoverySeconds,
        causedByDeploy,
        severity,
        newVersion);
  }
}
