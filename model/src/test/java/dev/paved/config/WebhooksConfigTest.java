package dev.paved.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.config.WebhooksConfig.Owner;
import dev.paved.config.WebhooksConfig.TicketRule;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhooksConfigTest {
  private static WebhooksConfig of(Map<String, String> environment) {
    return PavedConfig.from(SettingValues.of(environment, Map.of())).ingest().webhooks();
  }

  @Test
  void defaultsTurnEveryWebhookOffAndClassifyTicketKindsByType() {
    WebhooksConfig config = of(Map.of());
    assertEquals("", config.githubSecret());
    assertEquals(Map.of(), config.repositories());
    assertEquals(200_000, config.pushHistoryCommits());
    assertEquals(new TicketRule("type", "bug", "problem"), config.ticketKinds().get(0));
    assertEquals(new TicketRule("type", "service request", "request"), config.ticketKinds().get(5));
  }

  @Test
  void mappingsAreParsedAndSecretsNeverShown() {
    WebhooksConfig config =
        of(
            Map.of(
                "PAVED_WEBHOOKS_GITHUB_SECRET", "s3cret-value",
                "PAVED_WEBHOOKS_REPOSITORIES", "acme/shop=shop:payments; acme/cli=cli",
                "PAVED_WEBHOOKS_PAGERDUTY_SERVICES", "API Service=api",
                "PAVED_WEBHOOKS_TICKET_FEATURES", "Component:CI Pipelines=ci"));
    assertEquals(new Owner("shop", "payments"), config.repositories().get("acme/shop"));
    assertEquals(new Owner("cli", null), config.repositories().get("acme/cli"));
    assertEquals(new Owner("api", null), config.pagerdutyServices().get("API Service"));
    TicketRule rule = config.ticketFeatures().get(0);
    assertTrue(rule.matches("component", "ci pipelines"));
    assertFalse(rule.matches("label", "ci pipelines"));
    assertFalse(config.toString().contains("s3cret-value"));
    assertFalse(
        PavedConfig.from(SettingValues.of(Map.of(), Map.of())).toString().contains("s3cret"));
  }

  @Test
  void badMappingsNameTheSetting() {
    ConfigException service =
        assertThrows(
            ConfigException.class,
            () -> of(Map.of("PAVED_WEBHOOKS_REPOSITORIES", "acme/shop=Shop Front")));
    assertTrue(
        service.getMessage().startsWith("PAVED_WEBHOOKS_REPOSITORIES"), service.getMessage());
    ConfigException kind =
        assertThrows(
            ConfigException.class,
            () -> of(Map.of("PAVED_WEBHOOKS_TICKET_KINDS", "type:bug=defect")));
    assertTrue(kind.getMessage().contains("request, problem or question"), kind.getMessage());
    ConfigException field =
        assertThrows(
            ConfigException.class,
            () -> of(Map.of("PAVED_WEBHOOKS_TICKET_FEATURES", "status:open=ci")));
    assertTrue(field.getMessage().contains("field:value=target"), field.getMessage());
    assertNull(of(Map.of()).pagerdutyServices().get("x"));
  }
}
