package dev.paved.jobs.runtime;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes every event once ({@link LoggedEvent#event()}, which caches it for the operators chained
 * after this one) and drops, with a warning and the metric {@code invalidEvents}, any that is not a
 * valid event of the contract. Ingest writes only valid events, so this drops nothing unless
 * something else wrote to the topic; it keeps such a record from failing the job over and over.
 */
public final class EventDecodeCheck extends RichFilterFunction<LoggedEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(EventDecodeCheck.class);

  private transient Counter invalid;

  @Override
  public void open(OpenContext context) {
    invalid = getRuntimeContext().getMetricGroup().counter("invalidEvents");
  }

  @Override
  public boolean filter(LoggedEvent event) {
    try {
      event.event();
      return true;
    } catch (LoggedEvent.InvalidEventException e) {
      invalid.inc();
      LOG.warn("Skipping an event of the log: {}", e.getMessage());
      return false;
    }
  }
}
