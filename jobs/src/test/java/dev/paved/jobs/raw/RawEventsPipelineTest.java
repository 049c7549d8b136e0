package dev.paved.jobs.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.config.PavedConfig;
import dev.paved.jobs.PavedJobs;
import dev.paved.jobs.runtime.JobMode;
import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.testing.BoundedEvents;
import dev.paved.jobs.runtime.testing.CollectingTables;
import dev.paved.jobs.runtime.testing.TestEvents;
import dev.paved.model.Usage;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job graph (watermarks, dedupe, decode check, every pipeline) on a MiniCluster, with a
 * bounded source and collecting sinks: the pattern for a pipeline's own job test.
 */
@Timeout(60)
class RawEventsPipelineTest {
  @RegisterExtension
  static final MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void everyEventOnceWhateverItsOrder() throws Exception {
    List<LoggedEvent> events =
        List.of(
            TestEvents.logged(TestEvents.change("c-2", "2026-03-02T10:00:00Z", "checkout")),
            TestEvents.logged(TestEvents.change("c-1", "2026-03-01T10:00:00Z", "checkout")),
            TestEvents.logged(
                TestEvents.usage(
                    "u-1", "2026-03-02T11:00:00Z", "search", Usage.Action.STARTED, null)),
            TestEvents.logged(TestEvents.change("c-2", "2026-03-02T10:00:00Z", "checkout")),
            TestEvents.logged(TestEvents.deploy("d-1", "2026-02-01T00:00:00Z", "checkout")));

    PavedConfig config = PavedConfig.defaults();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.configure(PavedJobs.flinkConfiguration(config.jobs(), JobMode.BACKFILL));
    env.setParallelism(2);
    CollectingTables tables = new CollectingTables();
    new PavedJobs(BoundedEvents.of(events), config.jobs(), PavedJobs.pipelines(config, tables))
        .attachTo(env);
    env.execute("raw events test");

    List<EventRow> rows = tables.rows(EventRow.TABLE, EventRow.class);
    assertEquals(
        List.of("c-1", "c-2", "d-1", "u-1"), rows.stream().map(EventRow::id).sorted().toList());
    assertEquals(TestEvents.SENDER, rows.stream().map(EventRow::sender).distinct().toList().get(0));
  }
}
