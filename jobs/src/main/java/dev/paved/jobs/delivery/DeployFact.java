package dev.paved.jobs.delivery;

import dev.paved.model.Deploy;
import java.time.Instant;

/**
 * Fact: one deploy, for deployment frequency, deploy days and change failure rate. One row per
 * {@code deploy_id}, which is the deploy's identity across services because incidents name it alone
 * (senders whose ids are per-service build numbers should prefix them).
 *
 * <p>Deployment frequency is {@code count()} of rows with {@code production and status =
 * 'success'}, deploy days {@code uniq(toDate(finished_at, tz))}; change failure rate is rows with
 * {@code production and (failed or caused_incident)} over production rows.
 *
 * <p>When several events report one deploy, {@code service}, {@code environment} and {@code
 * finished_at} come from the earliest (the deploy finished then) and {@code status} from the latest
 * (a later {@code rolled_back} supersedes a {@code success}).
 *
 * @param id {@code deploy:<deploy_id>}
 * @param production whether {@code environment} is in the production set
 * @param failed {@code status} is {@code failure} or {@code rolled_back}
 * @param causedIncident an incident is attributed to it, named or inferred
 * @param incidentInferred every incident attributed to it was inferred (none named it)
 * @param version see {@link FactVersion}
 */
public record DeployFact(
    String id,
    String deployId,
    String service,
    String team,
    String environment,
    boolean production,
    Deploy.Status status,
    Instant finishedAt,
    boolean failed,
    boolean causedIncident,
    boolean incidentInferred,
    long version) {

  public static String idOf(String deployId) {
    return "deploy:" + deployId;
  }

  DeployFact withVersion(long newVersion) {
    return new DeployFact(
        id,
        deployId,
        service,
        team,
        environment,
        production,
        status,
        finishedAt,
        failed,
        causedIncident,
        incidentInferred,
        newVersion);
  }
}
