package dev.paved.config;

import java.util.Arrays;
import java.util.List;

/**
 * The read API and dashboards: port, read tokens, the count below which a metric row is marked
 * low-confidence, and how long clients may cache an answer.
 */
public record ApiConfig(
    int port, List<String> readTokens, int minCount, int cacheMaxAgeSeconds) {

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
        values.integer(Settings.API_CACHE_MAX_AGE_SECONDS, 0, 86_400));
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
        + "]";
  }
}
