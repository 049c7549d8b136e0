package dev.paved.model;

/** The kinds of event the contract defines, each with its own {@link EventBody}. */
public enum EventType implements WireValue {
  CHANGE,
  DEPLOY,
  INCIDENT,
  DEVELOPER,
  USAGE,
  TICKET,
  SURVEY,
  DEVIATION
}
