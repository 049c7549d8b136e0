package dev.paved.jobs.runtime.testing;

import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.LoggedEventTypeInfo;
import java.util.List;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;

/**
 * A bounded source of given events, in place of the event log: {@code new PavedJobs(
 * BoundedEvents.of(events), config, pipelines)}. With parallelism 1 the events come in list order.
 */
public final class BoundedEvents {
  private BoundedEvents() {}

  public static Source<LoggedEvent, ?, ?> of(List<LoggedEvent> events) {
    return new DataGeneratorSource<>(
        new FromElementsGeneratorFunction<>(
            LoggedEventTypeInfo.INSTANCE, events.toArray(LoggedEvent[]::new)),
        events.size(),
        LoggedEventTypeInfo.INSTANCE);
  }
}
