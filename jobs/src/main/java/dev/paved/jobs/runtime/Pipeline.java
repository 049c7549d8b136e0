package dev.paved.jobs.runtime;

import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * One metric family's part of the Paved job (raw events, delivery, onboarding, ...). It receives
 * its sinks in its constructor ({@link Tables#sink}), so that tests can wire collecting ones, and
 * attaches its operators to the one stream of events that every pipeline shares.
 *
 * <p>What {@link #attach} gets: every event of the log once (copies dropped by {@link DedupeById}),
 * already decoded ({@link LoggedEvent#event()} costs nothing up to your first {@code keyBy}),
 * timestamped with its event time, with watermarks ({@link EventTimeWatermarks}). Events may be
 * late (behind the watermark): update the rows they touch and emit them again; never drop them.
 *
 * <p>Give every stateful operator a stable {@code uid} (e.g. {@code "delivery-lead-time"}) so that
 * a restarted job finds its state in the checkpoint, and end in {@code sinkTo(sink)} with the uid
 * {@code "sink-" + table}.
 */
public interface Pipeline {

  /** A short name for logs, e.g. {@code raw-events}. */
  String name();

  void attach(DataStream<LoggedEvent> events);
}
