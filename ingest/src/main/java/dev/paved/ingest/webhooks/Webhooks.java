package dev.paved.ingest.webhooks;

import dev.paved.config.WebhooksConfig;
import dev.paved.ingest.http.WebhookReceiver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook receivers of the configured tools, by their path segment: a tool whose secret is
 * empty has none (its endpoint answers {@code 404}). GitHub and GitLab share one push history, each
 * under its own repository ids.
 */
public final class Webhooks {
  /** Every tool Paved takes webhooks from, in the order the docs present them. */
  public static final List<String> TOOLS =
      List.of("github", "gitlab", "pagerduty", "jira", "zendesk");

  private Webhooks() {}

  /** The tools whose secret is set, whose endpoints are on. */
  public static List<String> configured(WebhooksConfig config) {
    Map<String, String> secrets =
        Map.of(
            "github", config.githubSecret(),
            "gitlab", config.gitlabToken(),
            "pagerduty", config.pagerdutySecret(),
            "jira", config.jiraSecret(),
            "zendesk", config.zendeskSecret());
    return TOOLS.stream().filter(tool -> !secrets.get(tool).isEmpty()).toList();
  }

  public static Map<String, WebhookReceiver> receivers(WebhooksConfig config) {
    PushHistory history = new PushHistory(config.pushHistoryCommits());
    ServiceOwners repositories = new ServiceOwners(config.repositories());
    TicketClassifier features = new TicketClassifier(config.ticketFeatures());
    TicketClassifier kinds = new TicketClassifier(config.ticketKinds());
    Map<String, WebhookReceiver> receivers = new LinkedHashMap<>();
    if (!config.githubSecret().isEmpty()) {
      receivers.put("github", new GitHubWebhook(config.githubSecret(), repositories, history));
    }
    if (!config.gitlabToken().isEmpty()) {
      receivers.put("gitlab", new GitLabWebhook(config.gitlabToken(), repositories, history));
    }
    if (!config.pagerdutySecret().isEmpty()) {
      receivers.put(
          "pagerduty",
          new PagerDutyWebhook(
              config.pagerdutySecret(), new ServiceOwners(config.pagerdutyServices())));
    }
    if (!config.jiraSecret().isEmpty()) {
      receivers.put("jira", new JiraWebhook(config.jiraSecret(), features, kinds));
    }
    if (!config.zendeskSecret().isEmpty()) {
      receivers.put("zendesk", new ZendeskWebhook(config.zendeskSecret(), features, kinds));
    }
    return receivers;
  }
}
