package dev.paved.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link Event} in the wire format: one flat object with the contract's field names,
 * envelope first, then the type's fields in the contract's order. Absent fields and empty arrays
 * are left out; defaults ({@code environment}, a deviation's {@code action}) are written.
 */
final class EventEncoder {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private EventEncoder() {}

  static ObjectNode toJson(Event event) {
    ObjectNode json = NODES.objectNode();
    json.put("id", event.id());
    json.put("type", event.type().wireName());
    time(json, "time", event.time());
    text(json, "team", event.team());
    text(json, "actor", event.actor());
    text(json, "service", event.service());
    text(json, "source", event.source());
    switch (event.type()) {
      case CHANGE -> change(json, (Change) event.body());
      case DEPLOY -> deploy(json, (Deploy) event.body());
      case INCIDENT -> incident(json, (Incident) event.body());
      case DEVELOPER -> json.put("action", ((Developer) event.body()).action().wireName());
      case USAGE -> usage(json, (Usage) event.body());
      case TICKET -> ticket(json, (Ticket) event.body());
      case SURVEY -> survey(json, (Survey) event.body());
      case DEVIATION -> deviation(json, (Deviation) event.body());
    }
    if (!event.attributes().isEmpty()) {
      attributes(json.putObject("attributes"), event.attributes());
    }
    return json;
  }

  private static void change(ObjectNode json, Change change) {
    json.put("change_id", change.changeId());
    time(json, "pr_opened_at", change.prOpenedAt());
    time(json, "pr_first_review_at", change.prFirstReviewAt());
    time(json, "pr_merged_at", change.prMergedAt());
    texts(json, "commit_ids", change.commitIds());
  }

  private static void deploy(ObjectNode json, Deploy deploy) {
    json.put("deploy_id", deploy.deployId());
    json.put("environment", deploy.environment());
    json.put("status", deploy.status().wireName());
    time(json, "started_at", deploy.startedAt());
    texts(json, "change_ids", deploy.changeIds());
    if (!deploy.changes().isEmpty()) {
      ArrayNode changes = json.putArray("changes");
      for (InlineChange change : deploy.changes()) {
        ObjectNode inline = changes.addObject().put("change_id", change.changeId());
        time(inline, "time", change.time());
        text(inline, "actor", change.actor());
      }
    }
  }

  private static void incident(ObjectNode json, Incident incident) {
    json.put("incident_id", incident.incidentId());
    json.put("action", incident.action().wireName());
    text(json, "caused_by_deploy", incident.causedByDeploy());
    text(json, "severity", incident.severity());
  }

  private static void usage(ObjectNode json, Usage usage) {
    json.put("feature", usage.feature());
    json.put("action", usage.action().wireName());
    text(json, "run_id", usage.runId());
    text(json, "step", usage.step());
    text(json, "error", usage.error());
  }

  private static void ticket(ObjectNode json, Ticket ticket) {
    json.put("ticket_id", ticket.ticketId());
    json.put("action", ticket.action().wireName());
    text(json, "feature", ticket.feature());
    text(json, "priority", ticket.priority());
    if (ticket.kind() != null) {
      json.put("kind", ticket.kind().wireName());
    }
  }

  private static void survey(ObjectNode json, Survey survey) {
    json.put("survey_id", survey.surveyId());
    json.put("question", survey.question());
    json.put("score", survey.score());
    json.put("scale_min", survey.scaleMin());
    json.put("scale_max", survey.scaleMax());
    text(json, "comment", survey.comment());
  }

  private static void deviation(ObjectNode json, Deviation deviation) {
    json.put("component", deviation.component());
    json.put("golden_path", deviation.goldenPath());
    json.put("actual", deviation.actual());
    text(json, "reason", deviation.reason());
    json.put("action", deviation.action().wireName());
  }

  private static void attributes(ObjectNode json, Map<String, Object> attributes) {
    attributes.forEach(
        (key, value) -> {
          // Event admits only these four types.
          if (value instanceof String text) {
            json.put(key, text);
          } else if (value instanceof Long number) {
            json.put(key, number);
          } else if (value instanceof Double number) {
            json.put(key, number);
          } else {
            json.put(key, (Boolean) value);
          }
        });
  }

  /** UTC with a {@code Z}, with as many fraction digits as the instant has, in groups of three. */
  private static void time(ObjectNode json, String field, Instant time) {
    if (time != null) {
      json.put(field, time.toString());
    }
  }

  private static void text(ObjectNode json, String field, String text) {
    if (text != null) {
      json.put(field, text);
    }
  }

  private static void texts(ObjectNode json, String field, List<String> texts) {
    if (!texts.isEmpty()) {
      texts.forEach(json.putArray(field)::add);
    }
  }
}
