package dev.paved.ingest.webhooks;

import static dev.paved.ingest.webhooks.GitHubWebhook.firstOf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.model.Event;
import dev.paved.model.EventType;
import dev.paved.model.Ticket;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code POST /v1/webhooks/jira}: Jira's {@code jira:issue_created} (opened) and {@code
 * jira:issue_updated} whose changelog sets the resolution (resolved) or clears it (reopened),
 * signed with {@code X-Hub-Signature} as Jira Cloud does for a webhook with a secret. Mappings:
 * {@code docs/webhooks.md}.
 */
final class JiraWebhook extends ToolWebhook {
  static final String SIGNATURE_HEADER = "X-Hub-Signature";

  private final TicketClassifier features;
  private final TicketClassifier kinds;

  JiraWebhook(String secret, TicketClassifier features, TicketClassifier kinds) {
    super("jira", new HubSignature(SIGNATURE_HEADER, secret));
    this.features = features;
    this.kinds = kinds;
  }

  @Override
  Received translate(Function<String, String> headers, Payload payload) throws Refused {
    String kind = payload.text("webhookEvent");
    Ticket.Action action =
        switch (kind) {
          case "jira:issue_created" -> Ticket.Action.OPENED;
          case "jira:issue_updated" -> resolutionChange(payload);
          default -> null;
        };
    if (action == null) {
      return new Received(
          List.of(),
          List.of(
              kind.equals("jira:issue_updated")
                  ? "the update does not change the issue's resolution: ignored"
                  : "Jira " + kind + " is not used by Paved"));
    }
    String issueId = payload.text("issue.id");
    Instant time = payload.time("timestamp");
    Map<String, List<String>> values = new LinkedHashMap<>();
    values.put("project", List.of(firstOf(payload.optionalText("issue.fields.project.key"), "")));
    values.put("component", payload.texts("issue.fields.components", "name"));
    values.put("label", payload.texts("issue.fields.labels", null));
    values.put("type", List.of(firstOf(payload.optionalText("issue.fields.issuetype.name"), "")));
    String kindOfTicket = kinds.classify(values);
    Event ticket =
        new Event(
            "jira-" + issueId + "-" + action.wireName() + "-" + time.toEpochMilli(),
            EventType.TICKET,
            time,
            null,
            firstOf(
                payload.optionalText("issue.fields.reporter.accountId"),
                payload.optionalText("issue.fields.reporter.name")),
            null,
            "jira",
            Map.of("issue_key", payload.text("issue.key")),
            new Ticket(
                payload.text("issue.key"),
                action,
                features.classify(values),
                payload.optionalText("issue.fields.priority.name"),
                kindOfTicket == null
                    ? null
                    : Ticket.Kind.valueOf(kindOfTicket.toUpperCase(Locale.ROOT))));
    return new Received(List.of(ticket), List.of());
  }

  /** Resolved when the changelog sets the resolution, reopened when it clears it. */
  private static Ticket.Action resolutionChange(Payload payload) {
    for (JsonNode item : payload.node("changelog.items")) {
      if (item.path("field").asText("").equalsIgnoreCase("resolution")) {
        boolean had = hasValue(item.path("from")) || hasValue(item.path("fromString"));
        boolean has = hasValue(item.path("to")) || hasValue(item.path("toString"));
        if (has && !had) {
          return Ticket.Action.RESOLVED;
        }
        if (had && !has) {
          return Ticket.Action.REOPENED;
        }
      }
    }
    return null;
  }

  private static boolean hasValue(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank();
  }
}
