package dev.paved.jobs.delivery;

import dev.paved.model.Change;
import dev.paved.model.Deploy;
import dev.paved.model.Developer;
import dev.paved.model.Event;
import dev.paved.model.EventType;
import dev.paved.model.Incident;
import dev.paved.model.InlineChange;
import dev.paved.model.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events for tests, built from the fields that matter; times are RFC 3339 strings in UTC. */
public final class Events {

  private Events() {}

  public static Instant at(String time) {
    return Instant.parse(time);
  }

  public static Event change(
      String id, String time, String service, String changeId, String actor) {
    return pullRequest(id, time, service, changeId, actor, null, null, null);
  }

  /** A change carrying pull-request times; any of them may be null. */
  public static Event pullRequest(
      String id,
      String time,
      String service,
      String changeId,
      String actor,
      String prOpenedAt,
      String prFirstReviewAt,
      String prMergedAt) {
    return event(
        id,
        EventType.CHANGE,
        time,
        "checkout",
        actor,
        service,
        Map.of(),
        new Change(
            changeId, instant(prOpenedAt), instant(prFirstReviewAt), instant(prMergedAt), null));
  }

  /** The same {@code change} event listing {@code commitIds}, as a pull request's does. */
  public static Event listing(Event change, String... commitIds) {
    Change body = (Change) change.body();
    return new Event(
        change.id(),
        change.type(),
        change.time(),
        change.team(),
        change.actor(),
        change.service(),
        change.source(),
        change.attributes(),
        new Change(
            body.changeId(),
            body.prOpenedAt(),
            body.prFirstReviewAt(),
            body.prMergedAt(),
            List.of(commitIds)));
  }

  /** A deploy shipping changes by id. */
  public static Event deploy(
      String id,
      String time,
      String service,
      String deployId,
      String environment,
      Deploy.Status status,
      String... changeIds) {
    return event(
        id,
        EventType.DEPLOY,
        time,
        "checkout",
        null,
        service,
        Map.of(),
        new Deploy(deployId, environment, status, null, List.of(changeIds), null));
  }

  /** A successful production deploy shipping changes by id. */
  public static Event deploy(
      String id, String time, String service, String deployId, String... changeIds) {
    return deploy(id, time, service, deployId, "production", Deploy.Status.SUCCESS, changeIds);
  }

  /** A successful production deploy describing its changes inline. */
  public static Event inlineDeploy(
      String id, String time, String service, String deployId, InlineChange... changes) {
    return event(
        id,
        EventType.DEPLOY,
        time,
        "checkout",
        null,
        service,
        Map.of(),
        new Deploy(deployId, "production", Deploy.Status.SUCCESS, null, null, List.of(changes)));
  }

  public static InlineChange inline(String changeId, String time, String actor) {
    return new InlineChange(changeId, at(time), actor);
  }

  public static Event incident(
      String id,
      String time,
      String incidentId,
      Incident.Action action,
      String service,
      String causedByDeploy) {
    return event(
        id,
        EventType.INCIDENT,
        time,
        "checkout",
        null,
        service,
        Map.of(),
        new Incident(incidentId, action, causedByDeploy, null));
  }

  public static Event developer(
      String id, String time, String actor, Developer.Action action, String team) {
    return event(id, EventType.DEVELOPER, time, team, actor, null, Map.of(), new Developer(action));
  }

  public static Event usage(
      String id,
      String time,
      String actor,
      String feature,
      Usage.Action action,
      String runId,
      Map<String, Object> attributes) {
    return event(
        id,
        EventType.USAGE,
        time,
        "search",
        actor,
        null,
        attributes,
        new Usage(feature, action, runId, null, null));
  }

  private static Event event(
      String id,
      EventType type,
      String time,
      String team,
      String actor,
      String service,
      Map<String, Object> attributes,
      dev.paved.model.EventBody body) {
    return new Event(id, type, at(time), team, actor, service, "test", attributes, body);
  }

  private static Instant instant(String time) {
    return time == null ? null : at(time);
  }
}
