package dev.paved.model;

/** The fields of an event that belong to its type; the envelope is in {@link Event}. */
public sealed interface EventBody
    permits Change, Deploy, Incident, Developer, Usage, Ticket, Survey, Deviation {

  EventType type();
}
