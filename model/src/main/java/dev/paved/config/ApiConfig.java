package dev.paved.config;

import java.util.Arrays;
import java.util.List;

/** The read API and dashboards: port and read tokens. */
public record ApiConfig(int port, List<String> readTokens) {

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
    return new ApiConfig(values.integer(Settings.API_PORT, 0, 65535), tokens);
  }

  @Override
  public String toString() {
    return "ApiConfig[port=" + port + ", readTokens=" + readTokens.size() + "]";
  }
}
