package dev.paved.jobs.voice;

import dev.paved.model.Deviation;
import dev.paved.model.Event;
import dev.paved.model.EventType;
import dev.paved.model.Survey;
import dev.paved.model.Ticket;
import java.time.Instant;
import java.util.Map;

/** Deviation, survey and ticket events for tests: fixed instants, small factories. */
public final class VoiceEvents {
  private VoiceEvents() {}

  /** A deviation {@code started} by {@code team} for {@code service}. */
  public static Event deviation(
      String id,
      String time,
      String team,
      String service,
      String component,
      String goldenPath,
      String actual,
      String reason) {
    return new Event(
        id,
        EventType.DEVIATION,
        Instant.parse(time),
        team,
        null,
        service,
        "backstage",
        Map.of(),
        new Deviation(component, goldenPath, actual, reason, Deviation.Action.STARTED));
  }

  /** The end of the deviation of {@code team}/{@code service}/{@code component}. */
  public static Event ended(
      String id,
      String time,
      String team,
      String service,
      String component,
      String goldenPath,
      String actual) {
    return new Event(
        id,
        EventType.DEVIATION,
        Instant.parse(time),
        team,
        null,
        service,
        "backstage",
        Map.of(),
        new Deviation(component, goldenPath, actual, null, Deviation.Action.ENDED));
  }

  /** An answer on {@code min}..{@code max}; {@code actor} null for an anonymous one. */
  public static Event survey(
      String id,
      String time,
      String team,
      String actor,
      String question,
      double score,
      double min,
      double max) {
    return new Event(
        id,
        EventType.SURVEY,
        Instant.parse(time),
        team,
        actor,
        null,
        "surveys",
        Map.of(),
        new Survey("dx-q1", question, score, min, max, null));
  }

  /**
   * A ticket event; {@code feature} and {@code kind} may be null (later events often omit them).
   */
  public static Event ticket(
      String id,
      String time,
      String ticketId,
      Ticket.Action action,
      String team,
      String actor,
      String feature,
      Ticket.Kind kind) {
    return new Event(
        id,
        EventType.TICKET,
        Instant.parse(time),
        team,
        actor,
        null,
        "jira",
        Map.of(),
        new Ticket(ticketId, action, feature, null, kind));
  }
}
