package dev.paved.api.events;

import dev.paved.api.query.Param;
import dev.paved.model.EventType;
import java.util.Arrays;
import java.util.List;

/** Filters over the raw events' own columns, shared by the routes that read the raw table. */
public final class EventFilters {
  private EventFilters() {}

  public static final List<String> TYPES =
      Arrays.stream(EventType.values()).map(EventType::wireName).toList();

  public static final Param<List<String>> TYPE =
      Param.choices("type", "Only events of these types (repeatable).", TYPES);

  public static final Param<List<String>> FEATURE =
      Param.slugs("feature", "Only usage and ticket events of these platform features.");

  public static final Param<List<String>> STEP =
      Param.slugs("step", "Only usage events at these workflow steps.");

  public static final Param<List<String>> ACTION =
      Param.slugs("action", "Only events with these actions (opened, started, step, ...).");

  public static final Param<List<String>> ACTOR =
      Param.ids(
          "actor", "Only events of these actors (repeatable; commas are part of an id).", 128);

  public static final Param<List<String>> RUN_ID =
      Param.ids("run_id", "Only usage events of these workflow runs (repeatable).", 128);
}
