package dev.paved.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns one JSON event into an {@link Event}, or into every violation of the contract it has. */
final class EventDecoder {

  private static final int MAX_REASON_LENGTH = 4_000;
  private static final int MAX_COMMENT_LENGTH = 4_000;
  private static final int MAX_ERROR_LENGTH = 1_000;

  private EventDecoder() {}

  static Decoded decode(JsonNode json, Instant receivedAt) {
    if (!(json instanceof ObjectNode object)) {
      return new Decoded.Invalid(
          null,
          List.of(
              new Violation(
                  "event", "must be a JSON object (got " + FieldReader.jsonType(json) + ")")));
    }
    List<Violation> violations = new ArrayList<>();
    FieldReader fields = new FieldReader(object, "", receivedAt, violations);

    fields.require("id", "required");
    String id = fields.id("id");
    fields.require("type", "required");
    EventType type = fields.choice("type", EventType.class);
    fields.require("time", "required");
    Instant time = fields.time("time");
    String team = fields.slug("team");
    String actor = fields.id("actor");
    String service = fields.slug("service");
    String source = fields.slug("source");
    Map<String, Object> attributes = fields.attributes("attributes");

    // Without a known type, which fields belong to the event cannot be told.
    EventBody body = null;
    if (type != null) {
      body = body(type, fields);
      fields.rejectUnknown(
          "unknown field for type " + type.wireName(), "put extra data in attributes");
    }
    if (!violations.isEmpty()) {
      return new Decoded.Invalid(id, violations);
    }
    return new Decoded.Valid(
        new Event(id, type, time, team, actor, service, source, attributes, body));
  }

  /** Reads the fields of the type; null only when violations were found. */
  private static EventBody body(EventType type, FieldReader fields) {
    return switch (type) {
      case CHANGE -> {
        require(fields, type, "change_id", "service");
        yield new Change(
            fields.id("change_id"),
            fields.time("pr_opened_at"),
            fields.time("pr_first_review_at"),
            fields.time("pr_merged_at"),
            fields.ids("commit_ids"));
      }
      case DEPLOY -> {
        require(fields, type, "deploy_id", "service", "status");
        yield new Deploy(
            fields.id("deploy_id"),
            fields.slug("environment"),
            fields.choice("status", Deploy.Status.class),
            fields.time("started_at"),
            fields.ids("change_ids"),
            fields.inlineChanges("changes"));
      }
      case INCIDENT -> {
        require(fields, type, "incident_id", "action");
        yield new Incident(
            fields.id("incident_id"),
            fields.choice("action", Incident.Action.class),
            fields.id("caused_by_deploy"),
            fields.label("severity"));
      }
      case DEVELOPER -> {
        require(fields, type, "actor", "action", "team");
        yield new Developer(fields.choice("action", Developer.Action.class));
      }
      case USAGE -> usage(fields);
      case TICKET -> {
        require(fields, type, "ticket_id", "action");
        yield new Ticket(
            fields.id("ticket_id"),
            fields.choice("action", Ticket.Action.class),
            fields.slug("feature"),
            fields.label("priority"),
            fields.choice("kind", Ticket.Kind.class));
      }
      case SURVEY -> survey(fields);
      case DEVIATION -> {
        require(fields, type, "team", "component", "golden_path", "actual");
        yield new Deviation(
            fields.slug("component"),
            fields.slug("golden_path"),
            fields.slug("actual"),
            fields.freeText("reason", MAX_REASON_LENGTH),
            fields.choice("action", Deviation.Action.class));
      }
    };
  }

  private static Usage usage(FieldReader fields) {
    require(fields, EventType.USAGE, "actor", "feature", "action");
    String feature = fields.slug("feature");
    Usage.Action action = fields.choice("action", Usage.Action.class);
    if (action != null) {
      String required = "required for type usage with action " + action.wireName();
      if (action.needsRun()) {
        fields.require("run_id", required);
      }
      if (action.needsStep()) {
        fields.require("step", required);
      }
    }
    return new Usage(
        feature,
        action,
        fields.id("run_id"),
        fields.slug("step"),
        fields.freeText("error", MAX_ERROR_LENGTH));
  }

  private static Survey survey(FieldReader fields) {
    require(fields, EventType.SURVEY, "survey_id", "question", "score", "scale_min", "scale_max");
    String surveyId = fields.id("survey_id");
    String question = fields.slug("question");
    Double score = fields.number("score");
    Double scaleMin = fields.number("scale_min");
    Double scaleMax = fields.number("scale_max");
    String comment = fields.freeText("comment", MAX_COMMENT_LENGTH);
    if (score == null || scaleMin == null || scaleMax == null) {
      return null;
    }
    if (scaleMin >= scaleMax) {
      fields.violate(
          "scale_max",
          "must be greater than scale_min (got scale_min "
              + shown(scaleMin)
              + ", scale_max "
              + shown(scaleMax)
              + ")");
    } else if (score < scaleMin || score > scaleMax) {
      fields.violate(
          "score",
          "must be between scale_min "
              + shown(scaleMin)
              + " and scale_max "
              + shown(scaleMax)
              + " (got "
              + shown(score)
              + ")");
    }
    return new Survey(surveyId, question, score, scaleMin, scaleMax, comment);
  }

  private static void require(FieldReader fields, EventType type, String... names) {
    for (String name : names) {
      fields.require(name, "required for type " + type.wireName());
    }
  }

  /** A number as a person writes it: 5 rather than 5.0. */
  private static String shown(double number) {
    return number == Math.rint(number) && Math.abs(number) < 1e15
        ? Long.toString((long) number)
        : Double.toString(number);
  }
}
