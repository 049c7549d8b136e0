package dev.paved.ingest.webhooks;

import static dev.paved.ingest.webhooks.GitHubWebhook.firstOf;

import dev.paved.config.WebhooksConfig.Owner;
import dev.paved.model.Event;
import dev.paved.model.EventType;
import dev.paved.model.Incident;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code POST /v1/webhooks/pagerduty}: V3 webhook subscriptions' {@code incident.triggered}, {@code
 * incident.reopened} ({@code opened} again) and {@code incident.resolved}, signed with {@code
 * X-PagerDuty-Signature}. Mappings: {@code docs/webhooks.md}.
 */
final class PagerDutyWebhook extends ToolWebhook {
  private final ServiceOwners services;

  PagerDutyWebhook(String secret, ServiceOwners services) {
    super("pagerduty", new PagerDutySignature(secret));
    this.services = services;
  }

  @Override
  Received translate(Function<String, String> headers, Payload payload) throws Refused {
    String type = payload.text("event.event_type");
    Incident.Action action =
        switch (type) {
          case "incident.triggered", "incident.reopened" -> Incident.Action.OPENED;
          case "incident.resolved" -> Incident.Action.RESOLVED;
          default -> null;
        };
    if (action == null) {
      return new Received(List.of(), List.of("PagerDuty " + type + " is not used by Paved"));
    }
    String incidentId = payload.text("event.data.id");
    Instant occurredAt = payload.time("event.occurred_at");
    String serviceName = payload.text("event.data.service.summary");
    Owner owner =
        services.of(
            serviceName,
            payload.optionalText("event.data.teams.0.summary"),
            payload.optionalText("event.data.service.id"),
            serviceName);
    String number = payload.optionalText("event.data.number");
    Event incident =
        new Event(
            // Each opening and resolution is its own event: a reopened incident opens again.
            "pagerduty-"
                + incidentId
                + "-"
                + type.substring("incident.".length())
                + "-"
                + occurredAt.toEpochMilli(),
            EventType.INCIDENT,
            occurredAt,
            owner.team(),
            payload.optionalText("event.agent.id"),
            owner.service(),
            "pagerduty",
            number == null ? Map.of() : Map.of("incident_number", number),
            new Incident(
                incidentId,
                action,
                null,
                firstOf(
                    payload.optionalText("event.data.priority.summary"),
                    payload.optionalText("event.data.urgency"))));
    return new Received(List.of(incident), List.of());
  }
}
