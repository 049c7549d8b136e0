package dev.paved.jobs.voice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Keyed state of {@link TicketLifecycle}: the events of one ticket, a plain Flink POJO. */
public class TicketState {
  public String ticketId;

  /** Its events, one per event id. */
  public List<TicketReport> reports = new ArrayList<>();

  /** The version of the last fact emitted; 0 before the first. */
  public long version;

  /** The latest event time absorbed; null before the first input. */
  public Instant clock;
}
