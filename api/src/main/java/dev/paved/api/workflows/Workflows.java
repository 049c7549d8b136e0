package dev.paved.api.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.query.Param;
import dev.paved.api.route.Request;
import java.util.ArrayList;
import java.util.List;

/**
 * What the workflow and feature endpoints share: the {@code feature} filter and the group column
 * shown as null for facts without a team.
 */
public final class Workflows {
  private Workflows() {}

  public static final Param<List<String>> FEATURE =
      Param.slugs(
          "feature", "Only these platform features (repeatable, or comma-separated slugs).");

  /** The fact tables of the jobs' WorkflowsPipeline (migration 003). */
  static final String ATTEMPTS = "workflow_attempts";

  static final String STEPS = "workflow_steps";
  static final String FOLLOW_UPS = "workflow_ticket_followups";

  /** The rows as objects, the group column null where the fact has none ({@code ''}). */
  public static List<ObjectNode> rows(List<JsonNode> found, Request request) {
    List<ObjectNode> rows = new ArrayList<>();
    for (JsonNode row : found) {
      ObjectNode object = (ObjectNode) row;
      request
          .groupBy()
          .filter(group -> object.path(group).asText().isEmpty())
          .ifPresent(object::putNull);
      rows.add(object);
    }
    return rows;
  }
}
