package dev.paved.jobs.delivery;

import dev.paved.config.PavedConfig;
import dev.paved.jobs.PavedJobs;
import dev.paved.jobs.runtime.JobMode;
import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.testing.BoundedEvents;
import dev.paved.jobs.runtime.testing.CollectingTables;
import dev.paved.jobs.runtime.testing.TestEvents;
import dev.paved.model.Change;
import dev.paved.model.Event;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole job (every pipeline of {@link PavedJobs#pipelines}) over a bounded history with
 * collecting sinks, on the MiniCluster of the calling test; and its rows read as {@code FINAL}
 * would.
 */
public final class PipelineRun {

  private PipelineRun() {}

  /** Runs the whole job (every pipeline of {@link PavedJobs#pipelines}) over {@code history}. */
  public static CollectingTables run(List<Event> history) throws Exception {
    List<LoggedEvent> events = history.stream().map(PipelineRun::logged).toList();
    PavedConfig config = PavedConfig.defaults();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.configure(PavedJobs.flinkConfiguration(config.jobs(), JobMode.BACKFILL));
    // A failure fails the test instead of restarting the job and replaying the input.
    env.configure(new Configuration().set(RestartStrategyOptions.RESTART_STRATEGY, "none"));
    env.setParallelism(2);
    CollectingTables collected = new CollectingTables();
    new PavedJobs(BoundedEvents.of(events), config.jobs(), PavedJobs.pipelines(config, collected))
        .attachTo(env);
    env.execute("pipeline test");
    return collected;
  }

  /**
   * As ingest logs it: received a second after its latest time (a change with pull-request times is
   * sent once merged; ingest rejects times more than an hour ahead of its clock).
   */
  public static LoggedEvent logged(Event event) {
    Instant latest = event.time();
    if (event.body() instanceof Change change) {
      latest =
          Stream.of(change.prOpenedAt(), change.prFirstReviewAt(), change.prMergedAt(), latest)
              .filter(Objects::nonNull)
              .max(Comparator.naturalOrder())
              .get();
    }
    return LoggedEvent.of(event, TestEvents.SENDER, latest.plusSeconds(1));
  }

  /** Per id, the row with the highest version, as {@code SELECT ... FINAL} reads them. */
  public static <T> Map<String, T> finalRows(
      List<T> rows, Function<T, String> id, ToLongFunction<T> version) {
    Map<String, T> latest = new TreeMap<>();
    for (T row : rows) {
      latest.merge(
          id.apply(row),
          row,
          (a, b) -> Stream.of(a, b).max(Comparator.comparingLong(version)).get());
    }
    return latest;
  }
}
