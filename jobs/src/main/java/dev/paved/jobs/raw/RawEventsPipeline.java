package dev.paved.jobs.raw;

import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.Pipeline;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Every event of the log, one row each, into the raw table {@code events}: the system of record
 * that ad-hoc queries and later pipelines read. Stateless; a copy of an event that got past the
 * dedupe (or one replayed after a restart) replaces its row, since the table is a
 * ReplacingMergeTree ordered by id.
 *
 * <p>The template for the other pipelines: sinks come in through the constructor, {@link #attach}
 * reads top to bottom, and the logic ({@link EventRow#of}) is a plain function tested without
 * Flink.
 */
public final class RawEventsPipeline implements Pipeline {
  private final Sink<EventRow> events;

  public RawEventsPipeline(Sink<EventRow> events) {
    this.events = events;
  }

  @Override
  public String name() {
    return "raw-events";
  }

  @Override
  public void attach(DataStream<LoggedEvent> logged) {
    logged
        .map(EventRow::of, TypeInformation.of(EventRow.class))
        .uid("raw-events-rows")
        .name("raw event rows")
        .sinkTo(events)
        .uid("sink-" + EventRow.TABLE)
        .name("ClickHouse " + EventRow.TABLE);
  }
}
