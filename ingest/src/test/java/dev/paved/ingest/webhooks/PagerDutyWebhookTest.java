package dev.paved.ingest.webhooks;

import static dev.paved.ingest.webhooks.WebhookFixtures.bytes;
import static dev.paved.ingest.webhooks.WebhookFixtures.pagerDuty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.ingest.http.WebhookReceiver;
import dev.paved.ingest.http.WebhookReceiver.Received;
import dev.paved.ingest.http.WebhookReceiver.Refused;
import dev.paved.model.Event;
import dev.paved.model.Incident;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PagerDuty V3 incident events, from the documented example payload, into contract incidents. */
class PagerDutyWebhookTest {
  private final WebhookReceiver pagerduty = WebhookFixtures.receivers().get("pagerduty");

  private Received deliver(ObjectNode payload) throws Refused {
    byte[] body = bytes(payload);
    return WebhookFixtures.receive(pagerduty, WebhookFixtures.pagerDuty(body), body);
  }

  @Test
  void triggeredReopenedAndResolvedOpenAndResolveTheIncident() throws Refused {
    Event triggered =
        deliver(pagerDuty("incident.triggered", "e1", "2026-11-20T10:00:00.000Z")).events().get(0);
    assertEquals("pagerduty-PGR0VU2-triggered-1795168800000", triggered.id());
    Incident incident = (Incident) triggered.body();
    assertEquals("PGR0VU2", incident.incidentId());
    assertEquals(Incident.Action.OPENED, incident.action());
    assertEquals("P1", incident.severity());
    assertNull(incident.causedByDeploy());
    assertEquals(Instant.parse("2026-11-20T10:00:00Z"), triggered.time());
    assertEquals("api", triggered.service(), "webhooks.pagerduty-services maps PF9KMXH");
    assertEquals("core", triggered.team());
    assertEquals("pagerduty", triggered.source());

    Event resolved =
        deliver(pagerDuty("incident.resolved", "e2", "2026-11-20T11:00:00.000Z")).events().get(0);
    assertEquals(Incident.Action.RESOLVED, ((Incident) resolved.body()).action());
    Event reopened =
        deliver(pagerDuty("incident.reopened", "e3", "2026-11-20T12:00:00.000Z")).events().get(0);
    assertEquals(Incident.Action.OPENED, ((Incident) reopened.body()).action());
    Event resolvedAgain =
        deliver(pagerDuty("incident.resolved", "e4", "2026-11-20T13:00:00.000Z")).events().get(0);
    assertNotEquals(resolved.id(), resolvedAgain.id(), "a second resolution is no duplicate");

    Event redelivered =
        deliver(pagerDuty("incident.resolved", "e4", "2026-11-20T13:00:00.000Z")).events().get(0);
    assertEquals(resolvedAgain, redelivered);
  }

  @Test
  void anUnmappedServiceIsItsNameAsASlugAndItsFirstTeam() throws Refused {
    ObjectNode payload = pagerDuty("incident.triggered", "e5", "2026-11-20T10:00:00.000Z");
    ((ObjectNode) payload.get("event").get("data").get("service")).put("id", "POTHER1");
    Event incident = deliver(payload).events().get(0);
    assertEquals("api-service", incident.service());
    assertEquals("engineering", incident.team());
  }

  @Test
  void otherEventTypesMakeNothing() throws Refused {
    Received documented = deliver(WebhookFixtures.load("pagerduty/incident.priority_updated.json"));
    assertTrue(documented.events().isEmpty());
    assertEquals(
        "PagerDuty incident.priority_updated is not used by Paved", documented.notes().get(0));
  }

  @Test
  void anyOfSeveralSignaturesMaySign() throws Refused {
    byte[] body = bytes(pagerDuty("incident.triggered", "e6", "2026-11-20T10:00:00.000Z"));
    String good = "v1=" + WebhookFixtures.hmacHex(WebhookFixtures.PAGERDUTY_SECRET, body);
    String old = "v1=" + WebhookFixtures.hmacHex("the rotated-out secret", body);
    assertEquals(
        1,
        WebhookFixtures.receive(pagerduty, Map.of("X-PagerDuty-Signature", old + "," + good), body)
            .events()
            .size());
    assertEquals(
        401,
        assertThrows(
                Refused.class,
                () ->
                    WebhookFixtures.receive(pagerduty, Map.of("X-PagerDuty-Signature", old), body))
            .status());
    assertEquals(
        401,
        assertThrows(Refused.class, () -> WebhookFixtures.receive(pagerduty, Map.of(), body))
            .status());
  }
}
