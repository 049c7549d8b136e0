package dev.paved.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The webhook endpoints of ingest: each tool's secret (empty: the endpoint is off), how
 * repositories and PagerDuty services map to Paved's services and teams, and how tickets get their
 * feature and kind. {@code toString} never shows a secret.
 */
public record WebhooksConfig(
    String githubSecret,
    String gitlabToken,
    String pagerdutySecret,
    String jiraSecret,
    String zendeskSecret,
    Map<String, Owner> repositories,
    Map<String, Owner> pagerdutyServices,
    List<TicketRule> ticketFeatures,
    List<TicketRule> ticketKinds,
    int pushHistoryCommits) {

  private static final String SLUG = "[a-z0-9._-]{1,100}";

  /** A Paved service and its team (null when not configured). */
  public record Owner(String service, String team) {}

  /**
   * {@code field:value=target}: a ticket whose {@code field} (project, component, label, tag, type)
   * holds {@code value}, ignoring case, gets {@code target}.
   */
  public record TicketRule(String field, String value, String target) {
    public boolean matches(String field, String value) {
      return this.field.equals(field) && this.value.equals(value.toLowerCase(Locale.ROOT));
    }
  }

  static WebhooksConfig from(SettingValues values) {
    return new WebhooksConfig(
        values.string(Settings.WEBHOOKS_GITHUB_SECRET),
        values.string(Settings.WEBHOOKS_GITLAB_TOKEN),
        values.string(Settings.WEBHOOKS_PAGERDUTY_SECRET),
        values.string(Settings.WEBHOOKS_JIRA_SECRET),
        values.string(Settings.WEBHOOKS_ZENDESK_SECRET),
        owners(values, Settings.WEBHOOKS_REPOSITORIES),
        owners(values, Settings.WEBHOOKS_PAGERDUTY_SERVICES),
        rules(values, Settings.WEBHOOKS_TICKET_FEATURES, false),
        rules(values, Settings.WEBHOOKS_TICKET_KINDS, true),
        values.integer(Settings.WEBHOOKS_PUSH_HISTORY_COMMITS, 1_000, 50_000_000));
  }

  /** Parses {@code name=service:team;name=service}; names are kept as written. */
  static Map<String, Owner> owners(SettingValues values, Setting setting) {
    Map<String, Owner> owners = new LinkedHashMap<>();
    for (String entry : values.string(setting).split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.lastIndexOf('=');
      if (equals <= 0) {
        throw new ConfigException(
            SettingValues.describe(setting)
                + ": entry \""
                + entry
                + "\" must be name=service:team");
      }
      String name = entry.substring(0, equals).trim();
      String[] owner = entry.substring(equals + 1).trim().split(":", 2);
      String service = owner[0].trim();
      String team = owner.length == 2 ? owner[1].trim() : null;
      if (!service.matches(SLUG) || (team != null && !team.matches(SLUG))) {
        throw new ConfigException(
            SettingValues.describe(setting)
                + ": service and team of "
                + name
                + " must be slugs (a-z 0-9 . _ -)");
      }
      owners.put(name, new Owner(service, team));
    }
    return Map.copyOf(owners);
  }

  static List<TicketRule> rules(SettingValues values, Setting setting, boolean kinds) {
    List<TicketRule> rules = new ArrayList<>();
    for (String entry : values.string(setting).split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      int colon = entry.indexOf(':');
      int equals = entry.lastIndexOf('=');
      String field = colon > 0 ? entry.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
      if (!List.of("project", "component", "label", "tag", "type").contains(field)
          || equals < colon + 2) {
        throw new ConfigException(
            SettingValues.describe(setting)
                + ": entry \""
                + entry
                + "\" must be field:value=target, field one of project, component, label, tag,"
                + " type");
      }
      String target = entry.substring(equals + 1).trim();
      boolean valid =
          kinds ? List.of("request", "problem", "question").contains(target) : target.matches(SLUG);
      if (!valid) {
        throw new ConfigException(
            SettingValues.describe(setting)
                + ": \""
                + target
                + "\" must be "
                + (kinds ? "request, problem or question" : "a feature slug"));
      }
      rules.add(
          new TicketRule(
              field, entry.substring(colon + 1, equals).trim().toLowerCase(Locale.ROOT), target));
    }
    return List.copyOf(rules);
  }

  @Override
  public String toString() {
    return "WebhooksConfig[repositories="
        + repositories
        + ", pagerdutyServices="
        + pagerdutyServices
        + ", ticketFeatures="
        + ticketFeatures
        + ", ticketKinds="
        + ticketKinds
        + ", pushHistoryCommits="
        + pushHistoryCommits
        + "]";
  }
}
