package dev.paved.ingest.webhooks;

import dev.paved.config.WebhooksConfig.Owner;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * Paved's service and team for a tool's name of it (a repository, a PagerDuty service): the
 * configured mapping, else the slug of the name.
 */
final class ServiceOwners {
  private final Map<String, Owner> configured;

  ServiceOwners(Map<String, Owner> configured) {
    this.configured = Map.copyOf(configured);
  }

  /**
   * The owner configured for any of {@code names} (tried in order, e.g. a full name then an id),
   * else {@code defaultName}'s slug and {@code defaultTeam}'s slug (null when null).
   */
  Owner of(String defaultName, String defaultTeam, String... names) {
    for (String name : names) {
      if (name != null && configured.containsKey(name)) {
        return configured.get(name);
      }
    }
    return new Owner(slug(defaultName), defaultTeam == null ? null : slug(defaultTeam));
  }

  /** {@code Hello-World} → {@code hello-world}; {@code API Service} → {@code api-service}. */
  static String slug(String name) {
    String ascii =
        Normalizer.normalize(name, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT);
    String slug = ascii.replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
    if (slug.isEmpty()) {
      slug = "unnamed";
    }
    return slug.length() > 100 ? slug.substring(0, 100) : slug;
  }
}
