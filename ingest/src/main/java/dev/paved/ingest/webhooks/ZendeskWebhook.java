package dev.paved.ingest.webhooks;

import static dev.paved.ingest.webhooks.GitHubWebhook.firstOf;

import dev.paved.model.Event;
import dev.paved.model.EventType;
import dev.paved.model.Ticket;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code POST /v1/webhooks/zendesk}: a Zendesk webhook subscribed to the ticket events {@code
 * zen:event-type:ticket.created} (opened) and {@code zen:event-type:ticket.status_changed} into
 * solved or closed (resolved) or out of them (reopened), signed with {@code
 * X-Zendesk-Webhook-Signature}. Mappings: {@code docs/webhooks.md}.
 */
final class ZendeskWebhook extends ToolWebhook {
  private static final Set<String> DONE = Set.of("solved", "closed");

  private final TicketClassifier features;
  private final TicketClassifier kinds;

  ZendeskWebhook(String secret, TicketClassifier features, TicketClassifier kinds) {
    super("zendesk", new ZendeskSignature(secret));
    this.features = features;
    this.kinds = kinds;
  }

  @Override
  Received translate(Function<String, String> headers, Payload payload) throws Refused {
    String type = payload.text("type");
    Ticket.Action action = null;
    if (type.equals("zen:event-type:ticket.created")) {
      action = Ticket.Action.OPENED;
    } else if (type.equals("zen:event-type:ticket.status_changed")) {
      boolean was = DONE.contains(lower(payload.optionalText("event.previous")));
      boolean is = DONE.contains(lower(payload.optionalText("event.current")));
      action = is && !was ? Ticket.Action.RESOLVED : was && !is ? Ticket.Action.REOPENED : null;
    }
    if (action == null) {
      return new Received(
          List.of(),
          List.of(
              type.endsWith("status_changed")
                  ? "the status change neither solves nor reopens the ticket: ignored"
                  : "Zendesk " + type + " is not used by Paved"));
    }
    String ticketId = payload.text("detail.id");
    Instant time = payload.time("time");
    Map<String, List<String>> values = new LinkedHashMap<>();
    values.put("tag", payload.texts("detail.tags", null));
    values.put("type", List.of(firstOf(payload.optionalText("detail.type"), "")));
    String kind = kinds.classify(values);
    Event ticket =
        new Event(
            "zendesk-" + ticketId + "-" + action.wireName() + "-" + time.toEpochMilli(),
            EventType.TICKET,
            time,
            null,
            payload.optionalText("detail.requester_id"),
            null,
            "zendesk",
            Map.of(),
            new Ticket(
                ticketId,
                action,
                features.classify(values),
                lower(payload.optionalText("detail.priority")),
                kind == null ? null : Ticket.Kind.valueOf(kind.toUpperCase(Locale.ROOT))));
    return new Received(List.of(ticket), List.of());
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }
}
