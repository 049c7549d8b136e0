package dev.paved.api.query;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The query parameters common to the read API (api.md, "Common to every endpoint"). */
public final class Params {
  private Params() {}

  private static final Map<String, Object> TIME_SCHEMA =
      Map.of(
          "type",
          "string",
          "description",
          "RFC 3339 date-time with offset, or YYYY-MM-DD (the start of that day in tz)",
          "example",
          "2026-03-01");

  public static final Param<TimeBound> FROM =
      Param.one(
          "from",
          "Start of the time range, inclusive: an RFC 3339 date-time with offset, or YYYY-MM-DD"
              + " (the start of that day in tz). Default: `to` minus 90 days.",
          TIME_SCHEMA,
          null,
          TimeBound::parse);

  public static final Param<TimeBound> TO =
      Param.one(
          "to",
          "End of the time range, exclusive: an RFC 3339 date-time with offset, or YYYY-MM-DD"
              + " (the start of that day in tz). Default: the start of the day after the latest"
              + " event time in the data (event time, not the wall clock).",
          TIME_SCHEMA,
          null,
          TimeBound::parse);

  public static final Param<Granularity> GRANULARITY =
      Param.one(
          "granularity",
          "Period of each row: day, ISO week (labelled by its Monday) or month (labelled by its"
              + " first day), in tz.",
          Map.of("type", "string", "enum", Granularity.wireNames(), "default", "week"),
          Granularity.WEEK,
          value -> {
            if (!Granularity.wireNames().contains(value)) {
              throw new Param.BadValue(
                  "\"" + Param.shorten(value) + "\" is not one of day, week, month");
            }
            return Granularity.of(value);
          });

  public static final Param<ZoneId> TZ =
      Param.one(
          "tz",
          "IANA time zone id that periods and YYYY-MM-DD bounds are taken in (e.g."
              + " Europe/Berlin); offsets such as +01:00 are not accepted.",
          Map.of("type", "string", "default", "UTC", "example", "Europe/Berlin"),
          ZoneId.of("UTC"),
          TimeZones::parse);

  public static final Param<List<String>> TEAM =
      Param.slugs("team", "Only these teams (repeatable, or comma-separated slugs).");

  public static final Param<List<String>> SERVICE =
      Param.slugs("service", "Only these services (repeatable, or comma-separated slugs).");

  public static final Param<List<String>> ENVIRONMENT =
      Param.slugs(
          "environment",
          "Deploy environments (repeatable, or comma-separated slugs). Default: the production"
              + " set.");

  public static final Param<Integer> LIMIT =
      Param.integer("limit", "Most rows in one page.", 1, 1000, 100);

  public static final Param<String> CURSOR =
      Param.one(
          "cursor",
          "Opaque: the `next_cursor` of the previous page, to get the page after it.",
          Map.of("type", "string"),
          null,
          value -> {
            if (!value.matches("[A-Za-z0-9_-]{1,1000}")) {
              throw new Param.BadValue("not a cursor this API gave out");
            }
            return value;
          });

  public static final Param<String> FORMAT =
      Param.choice(
          "format",
          "csv: the rows as CSV with a header line (same as Accept: text/csv); json: the JSON"
              + " answer (the default).",
          List.of("json", "csv"),
          null);

  /** {@code group_by} with the groups a route offers; absent: the whole organisation. */
  public static Param<String> groupBy(List<String> groups) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "string");
    schema.put("enum", List.copyOf(groups));
    return Param.one(
        "group_by",
        "One row per period and "
            + String.join(" or ", groups)
            + "; default: the whole"
            + " organisation.",
        schema,
        null,
        value -> {
          if (!groups.contains(value)) {
            throw new Param.BadValue(
                "\""
                    + Param.shorten(value)
                    + "\" is not one of "
                    + String.join(", ", groups)
                    + " (the groups this route offers)");
          }
          return value;
        });
  }
}
