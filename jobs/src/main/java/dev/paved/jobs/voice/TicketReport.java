package dev.paved.jobs.voice;

/** One ticket event as {@link TicketState} keeps it: a plain Flink POJO. */
public class TicketReport {
  public String eventId;
  public long time;

  /** opened, resolved or reopened. */
  public String action;

  public String team;
  public String actor;
  public String feature;
  public String priority;
  public String kind;
}
