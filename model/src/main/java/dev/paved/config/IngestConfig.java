package dev.paved.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The ingest server: its port and the sources allowed to send events. */
public record IngestConfig(
    int port,
    List<SourceToken> tokens,
    int maxBodyBytes,
    int maxBatchEvents,
    int maxInFlightRequests,
    long maxInFlightBytes,
    Duration ackTimeout,
    Duration dedupeWindow,
    long dedupeMaxIds,
    WebhooksConfig webhooks) {

  /**
   * A sender's token: which source it is and which event types it may send ({@code allTypes}: any).
   * {@code toString} never shows the token itself.
   */
  public record SourceToken(String source, String token, Set<String> types, boolean allTypes) {
    public boolean allows(String type) {
      return allTypes || types.contains(type);
    }

    @Override
    public String toString() {
      return "SourceToken[source=" + source + ", types=" + (allTypes ? "*" : types) + "]";
    }
  }

  static IngestConfig from(SettingValues values) {
    int maxBodyBytes = values.integer(Settings.INGEST_MAX_BODY_BYTES, 1024, 256 * 1024 * 1024);
    long maxInFlightBytes = values.longInteger(Settings.INGEST_MAX_IN_FLIGHT_BYTES, 1024);
    if (maxInFlightBytes < maxBodyBytes) {
      throw new ConfigException(
          SettingValues.describe(Settings.INGEST_MAX_IN_FLIGHT_BYTES)
              + ": must be at least "
              + SettingValues.describe(Settings.INGEST_MAX_BODY_BYTES)
              + " ("
              + maxBodyBytes
              + "), or a body of the largest size could never be accepted");
    }
    return new IngestConfig(
        values.integer(Settings.INGEST_PORT, 0, 65535),
        parseTokens(values.string(Settings.INGEST_TOKENS)),
        maxBodyBytes,
        values.integer(Settings.INGEST_MAX_BATCH_EVENTS, 1, 1_000_000),
        values.integer(Settings.INGEST_MAX_IN_FLIGHT_REQUESTS, 1, 100_000),
        maxInFlightBytes,
        Duration.ofMillis(values.integer(Settings.INGEST_ACK_TIMEOUT_MS, 100, 600_000)),
        Duration.ofHours(values.integer(Settings.INGEST_DEDUPE_WINDOW_HOURS, 1, 24 * 366)),
        values.longInteger(Settings.INGEST_DEDUPE_MAX_IDS, 1),
        WebhooksConfig.from(values));
  }

  /** Parses {@code source=token:type,type;source=token:*}. */
  static List<SourceToken> parseTokens(String raw) {
    String setting = SettingValues.describe(Settings.INGEST_TOKENS);
    List<SourceToken> tokens = new ArrayList<>();
    for (String entry : raw.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      int colon = entry.lastIndexOf(':');
      if (equals <= 0 || colon < equals + 2 || colon == entry.length() - 1) {
        throw new ConfigException(
            setting
                + ": each entry must look like source=token:type,type or source=token:*"
                + " (entry "
                + (tokens.size() + 1)
                + " does not)");
      }
      String source = entry.substring(0, equals).trim();
      String token = entry.substring(equals + 1, colon).trim();
      String types = entry.substring(colon + 1).trim();
      if (!source.matches("[a-z0-9._-]{1,100}")) {
        throw new ConfigException(setting + ": source \"" + source + "\" must be a slug");
      }
      if (token.length() < 8) {
        throw new ConfigException(
            setting + ": the token of source " + source + " must be at least 8 characters");
      }
      boolean all = types.equals("*");
      Set<String> typeSet = all ? Set.of() : Set.of(types.split("\\s*,\\s*"));
      tokens.add(new SourceToken(source, token, typeSet, all));
    }
    if (tokens.isEmpty()) {
      throw new ConfigException(setting + ": at least one source token is needed");
    }
    return List.copyOf(tokens);
  }
}
