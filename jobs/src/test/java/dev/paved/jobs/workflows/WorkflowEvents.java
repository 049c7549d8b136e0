package dev.paved.jobs.workflows;

import dev.paved.model.Event;
import dev.paved.model.EventType;
import dev.paved.model.Ticket;
import dev.paved.model.Usage;
import java.time.Instant;
import java.util.Map;

/** Usage and ticket events for the workflow tests; times are RFC 3339 strings in UTC. */
final class WorkflowEvents {

  static final String FEATURE = "env-provisioning";

  private WorkflowEvents() {}

  static Instant at(String time) {
    return Instant.parse(time);
  }

  static Event started(String id, String time, String runId, String actor) {
    return usage(id, time, runId, actor, Usage.Action.STARTED, null, null);
  }

  static Event step(String id, String time, String runId, String actor, String step) {
    return usage(id, time, runId, actor, Usage.Action.STEP, step, null);
  }

  static Event failed(
      String id, String time, String runId, String actor, String step, String error) {
    return usage(id, time, runId, actor, Usage.Action.FAILED, step, error);
  }

  static Event completed(String id, String time, String runId, String actor) {
    return usage(id, time, runId, actor, Usage.Action.COMPLETED, null, null);
  }

  static Event used(String id, String time, String actor, String team, String feature) {
    return new Event(
        id,
        EventType.USAGE,
        at(time),
        team,
        actor,
        null,
        "test",
        Map.of(),
        new Usage(feature, Usage.Action.USED, null, null, null));
  }

  static Event usage(
      String id,
      String time,
      String runId,
      String actor,
      Usage.Action action,
      String step,
      String error) {
    return new Event(
        id,
        EventType.USAGE,
        at(time),
        "search",
        actor,
        null,
        "test",
        Map.of(),
        new Usage(FEATURE, action, runId, step, error));
  }

  static Event ticket(String id, String time, String ticketId, String actor, String feature) {
    return new Event(
        id,
        EventType.TICKET,
        at(time),
        "search",
        actor,
        null,
        "test",
        Map.of(),
        new Ticket(ticketId, Ticket.Action.OPENED, feature, null, Ticket.Kind.PROBLEM));
  }
}
