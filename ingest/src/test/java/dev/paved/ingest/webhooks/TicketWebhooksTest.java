package dev.paved.ingest.webhooks;

import static dev.paved.ingest.webhooks.WebhookFixtures.bytes;
import static dev.paved.ingest.webhooks.WebhookFixtures.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.ingest.http.WebhookReceiver;
import dev.paved.ingest.http.WebhookReceiver.Received;
import dev.paved.ingest.http.WebhookReceiver.Refused;
import dev.paved.model.Event;
import dev.paved.model.Ticket;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jira issues and Zendesk tickets into contract tickets, feature and kind by the settings. */
class TicketWebhooksTest {
  private final Map<String, WebhookReceiver> receivers = WebhookFixtures.receivers();

  private Received jira(ObjectNode payload) throws Refused {
    byte[] body = bytes(payload);
    return WebhookFixtures.receive(receivers.get("jira"), WebhookFixtures.jira(body), body);
  }

  private Received zendesk(ObjectNode payload) throws Refused {
    byte[] body = bytes(payload);
    return WebhookFixtures.receive(
        receivers.get("zendesk"), WebhookFixtures.zendesk("2026-11-28T09:30:01Z", body), body);
  }

  @Test
  void jiraIssueCreatedResolvedAndReopened() throws Refused {
    Event created = jira(load("jira/issue_created.json")).events().get(0);
    Ticket ticket = (Ticket) created.body();
    assertEquals("jira-10002-opened-1795770000000", created.id());
    assertEquals("PLAT-17", ticket.ticketId());
    assertEquals(Ticket.Action.OPENED, ticket.action());
    assertEquals("databases", ticket.feature(), "component:databases comes first of the rules");
    assertEquals(Ticket.Kind.REQUEST, ticket.kind(), "type:service request=request by default");
    assertEquals("High", ticket.priority());
    assertEquals("5b10a2844c20165700ede21g", created.actor());
    assertEquals(Instant.parse("2026-11-27T09:00:00Z"), created.time());

    Event resolved = jira(load("jira/issue_resolved.json")).events().get(0);
    assertEquals(Ticket.Action.RESOLVED, ((Ticket) resolved.body()).action());

    ObjectNode reopened = load("jira/issue_resolved.json");
    reopened.put("timestamp", 1795780800000L);
    ObjectNode resolution = (ObjectNode) reopened.get("changelog").get("items").get(0);
    resolution.put("from", "10000").put("fromString", "Done").putNull("to").putNull("toString");
    Event reopenedEvent = jira(reopened).events().get(0);
    assertEquals("jira-10002-reopened-1795780800000", reopenedEvent.id());
    assertEquals(Ticket.Action.REOPENED, ((Ticket) reopenedEvent.body()).action());

    ObjectNode retitled = load("jira/issue_resolved.json");
    ((ArrayNode) retitled.get("changelog").get("items")).remove(0);
    Received ignored = jira(retitled);
    assertTrue(ignored.events().isEmpty());
    assertEquals(
        "the update does not change the issue's resolution: ignored", ignored.notes().get(0));
  }

  @Test
  void jiraFallsBackToTheProjectRuleAndNoKind() throws Refused {
    ObjectNode bare = load("jira/issue_created.json");
    ObjectNode fields = (ObjectNode) bare.get("issue").get("fields");
    fields.putArray("components");
    ((ObjectNode) fields.get("issuetype")).put("name", "Epic");
    Ticket ticket = (Ticket) jira(bare).events().get(0).body();
    assertEquals("platform", ticket.feature());
    assertNull(ticket.kind());
  }

  @Test
  void zendeskTicketCreatedSolvedAndReopened() throws Refused {
    Event created = zendesk(load("zendesk/ticket_created.json")).events().get(0);
    Ticket ticket = (Ticket) created.body();
    assertEquals("zendesk-35436-opened-1795771800000", created.id());
    assertEquals("35436", ticket.ticketId());
    assertEquals("secrets", ticket.feature(), "tag:secrets");
    assertEquals(Ticket.Kind.QUESTION, ticket.kind());
    assertEquals("low", ticket.priority());
    assertEquals("8447388090494", created.actor());
    assertEquals("zendesk", created.source());

    Event solved = zendesk(load("zendesk/ticket_status_changed.json")).events().get(0);
    assertEquals(Ticket.Action.RESOLVED, ((Ticket) solved.body()).action());

    ObjectNode reopened = load("zendesk/ticket_status_changed.json");
    reopened.put("time", "2026-11-27T12:00:00Z");
    ((ObjectNode) reopened.get("event")).put("previous", "SOLVED").put("current", "OPEN");
    assertEquals(
        Ticket.Action.REOPENED, ((Ticket) zendesk(reopened).events().get(0).body()).action());

    ObjectNode pending = load("zendesk/ticket_status_changed.json");
    ((ObjectNode) pending.get("event")).put("previous", "NEW").put("current", "PENDING");
    assertTrue(zendesk(pending).events().isEmpty());
  }

  @Test
  void zendeskSignsTheTimestampWithTheBody() throws Refused {
    byte[] body = bytes(load("zendesk/ticket_created.json"));
    Map<String, String> good = WebhookFixtures.zendesk("2026-11-28T09:30:01Z", body);
    assertEquals(1, WebhookFixtures.receive(receivers.get("zendesk"), good, body).events().size());

    Map<String, String> otherTime = new HashMap<>(good);
    otherTime.put("X-Zendesk-Webhook-Signature-Timestamp", "2026-11-28T09:30:02Z");
    assertEquals(
        401,
        assertThrows(
                Refused.class,
                () -> WebhookFixtures.receive(receivers.get("zendesk"), otherTime, body))
            .status());
    Map<String, String> noTime = new HashMap<>(good);
    noTime.remove("X-Zendesk-Webhook-Signature-Timestamp");
    Refused missing =
        assertThrows(
            Refused.class, () -> WebhookFixtures.receive(receivers.get("zendesk"), noTime, body));
    assertEquals(
        "the delivery has no X-Zendesk-Webhook-Signature-Timestamp header", missing.getMessage());
  }

  @Test
  void jiraSignsTheBody() {
    byte[] body = bytes(load("jira/issue_created.json"));
    byte[] other = bytes(load("jira/issue_resolved.json"));
    assertEquals(
        401,
        assertThrows(
                Refused.class,
                () ->
                    WebhookFixtures.receive(
                        receivers.get("jira"), WebhookFixtures.jira(other), body))
            .status());
  }
}
