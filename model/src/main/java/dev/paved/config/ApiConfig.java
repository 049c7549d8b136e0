package dev.paved.config;

import java.util.Arrays;
import java.util.List;

/**
 * The read API and dashboards: port, read tokens, the count below which a metric row is marked
 * low-confidence, how long clients may cache an answer, and the environments that count as
 * production (the delivery metrics' default {@code environment}).
 *
 * @param productionEnvironments {@code metrics.production-environments}: slugs, at least one
 * @param scorecard the targets of {@code /scorecard} ({@code scorecard.*})
 */
public record ApiConfig(
    int port,
    List<String> readTokens,
    int minCount,
    int cacheMaxAgeSeconds,
    List<String> productionEnvironments,
    ScorecardTargets scorecard) {

  /** The default production set, {@code production} and {@code prod}. */
  public static final List<String> DEFAULT_PRODUCTION_ENVIRONMENTS = List.of("production", "prod");

  public ApiConfig {
    readTokens = List.copyOf(readTokens);
    productionEnvironments = List.copyOf(productionEnvironments);
  }

  /** With the default scorecard targets. */
  public ApiConfig(
      int port,
      List<String> readTokens,
      int minCount,
      int cacheMaxAgeSeconds,
      List<String> productionEnvironments) {
    this(
        port,
        readTokens,
        minCount,
        cacheMaxAgeSeconds,
        productionEnvironments,
        ScorecardTargets.defaults());
  }

  /** With the default production set. */
  public ApiConfig(int port, List<String> readTokens, int minCount, int cacheMaxAgeSeconds) {
    this(port, readTokens, minCount, cacheMaxAgeSeconds, DEFAULT_PRODUCTION_ENVIRONMENTS);
  }

  static ApiConfig from(SettingValues values) {
    List<String> tokens =
        Arrays.stream(values.string(Settings.API_READ_TOKENS).split(","))
            .map(String::trim)
            .filter(t -> !t.isEmpty())
            .toList();
    if (tokens.isEmpty()) {
      throw new ConfigException(
          SettingValues.describe(Settings.API_READ_TOKENS) + ": at least one read token is needed");
    }
    return new ApiConfig(
        values.integer(Settings.API_PORT, 0, 65535),
        tokens,
        values.integer(Settings.API_MIN_COUNT, 0, 1_000_000),
        values.integer(Settings.API_CACHE_MAX_AGE_SECONDS, 0, 86_400),
        productionEnvironments(values),
        ScorecardTargets.from(values));
  }

  /**
   * {@code metrics.production-environments}: comma-separated environment slugs ({@code
   * [a-z0-9._-]{1,100}}, as the event contract names environments), each once, at least one.
   */
  public static List<String> productionEnvironments(SettingValues values) {
    String raw = values.string(Settings.METRICS_PRODUCTION_ENVIRONMENTS);
    List<String> environments =
        Arrays.stream(raw.split(","))
            .map(String::trim)
            .filter(e -> !e.isEmpty())
            .distinct()
            .toList();
    if (environments.isEmpty()) {
      throw new ConfigException(
          SettingValues.describe(Settings.METRICS_PRODUCTION_ENVIRONMENTS)
              + ": at least one environment is needed");
    }
    for (String environment : environments) {
      if (!environment.matches("[a-z0-9._-]{1,100}")) {
        throw new ConfigException(
            SettingValues.describe(Settings.METRICS_PRODUCTION_ENVIRONMENTS)
                + ": \""
                + environment
                + "\" is not an environment slug (1-100 characters of a-z 0-9 . _ -)");
      }
    }
    return environments;
  }

  @Override
  public String toString() {
    return "ApiConfig[port="
        + port
        + ", readTokens="
        + readTokens.size()
        + ", minCount="
        + minCount
        + ", cacheMaxAgeSeconds="
        + cacheMaxAgeSeconds
        + ", productionEnvironments="
        + productionEnvironments
        + "]";
  }
}
