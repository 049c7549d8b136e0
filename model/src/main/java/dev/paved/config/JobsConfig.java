package dev.paved.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The Flink jobs: how they read the event log, how they treat time, and how they write ClickHouse.
 *
 * @param checkpointDirectory a URI Flink can write ({@code file:///...} for a local path)
 * @param outOfOrderness how far the watermark trails the newest event time
 * @param idleTimeout after this long without events a partition stops holding the watermark back
 * @param dedupeHorizon how long, in event time, an event id is remembered to drop its copies
 * @param sinkFlushInterval longest a row waits in a sink's buffer
 * @param sinkMaxBackoff longest pause between two attempts of a failed insert
 * @param workflowInactivity how long without an event of its run abandons a workflow attempt
 * @param deviationRefreshInterval processing time between two refreshes of the deviation clusters
 */
public record JobsConfig(
    int parallelism,
    String consumerGroup,
    Duration checkpointInterval,
    String checkpointDirectory,
    Duration outOfOrderness,
    Duration idleTimeout,
    Duration dedupeHorizon,
    int sinkBatchRows,
    Duration sinkFlushInterval,
    Duration sinkMaxBackoff,
    Duration workflowInactivity,
    Duration deviationRefreshInterval) {

  static JobsConfig from(SettingValues values, Path home) {
    String group = values.string(Settings.JOBS_CONSUMER_GROUP);
    if (!group.matches("[A-Za-z0-9._-]{1,200}")) {
      throw new ConfigException(
          SettingValues.describe(Settings.JOBS_CONSUMER_GROUP)
              + ": must be 1-200 characters of A-Z a-z 0-9 . _ - (got \""
              + group
              + "\")");
    }
    return new JobsConfig(
        values.integer(Settings.JOBS_PARALLELISM, 1, 1024),
        group,
        Duration.ofMillis(values.integer(Settings.JOBS_CHECKPOINT_INTERVAL_MS, 100, 86_400_000)),
        checkpointUri(values, home),
        Duration.ofSeconds(values.integer(Settings.JOBS_OUT_OF_ORDERNESS_SECONDS, 0, 31 * 86_400)),
        Duration.ofSeconds(values.integer(Settings.JOBS_IDLE_TIMEOUT_SECONDS, 1, 86_400)),
        Duration.ofHours(values.integer(Settings.JOBS_DEDUPE_HORIZON_HOURS, 1, 24 * 3660)),
        values.integer(Settings.JOBS_SINK_BATCH_ROWS, 1, 10_000_000),
        Duration.ofMillis(values.integer(Settings.JOBS_SINK_FLUSH_MS, 10, 3_600_000)),
        Duration.ofMillis(values.integer(Settings.JOBS_SINK_MAX_BACKOFF_MS, 100, 3_600_000)),
        Duration.ofHours(values.integer(Settings.JOBS_WORKFLOW_INACTIVITY_HOURS, 1, 24 * 28)),
        Duration.ofMillis(values.integer(Settings.JOBS_DEVIATION_REFRESH_MS, 1000, 3_600_000)));
  }

  /** A URI as it is, a path resolved against {@code home} and made a {@code file:} URI. */
  private static String checkpointUri(SettingValues values, Path home) {
    String raw = values.string(Settings.JOBS_CHECKPOINT_DIR);
    if (raw.isBlank()) {
      throw new ConfigException(
          SettingValues.describe(Settings.JOBS_CHECKPOINT_DIR) + ": must not be empty");
    }
    if (raw.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      return raw;
    }
    return home.resolve(raw).toAbsolutePath().normalize().toUri().toString();
  }
}
