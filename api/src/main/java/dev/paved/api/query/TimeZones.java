package dev.paved.api.query;

import dev.paved.clickhouse.SqlLiteral;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The time zones a request may name: the IANA region ids Java knows ({@link
 * ZoneId#getAvailableZoneIds()}) less the obsolete {@code SystemV/*} ids, which the tz database on
 * ClickHouse's machine no longer has ("Cannot load time zone"). A test asks ClickHouse about every
 * id left. Offsets such as {@code +01:00} or {@code UTC+1}, which {@link ZoneId#of} would accept,
 * are refused: they are no IANA zone id, and ClickHouse does not take them.
 */
public final class TimeZones {
  private static final Set<String> KNOWN =
      ZoneId.getAvailableZoneIds().stream()
          .filter(id -> !id.startsWith("SystemV/"))
          .collect(Collectors.toUnmodifiableSet());

  private TimeZones() {}

  public static List<String> all() {
    return List.copyOf(new TreeSet<>(KNOWN));
  }

  /** The zone of that exact id, or a reason; ids are case-sensitive as in the tz database. */
  public static ZoneId parse(String id) throws Param.BadValue {
    if (!KNOWN.contains(id)) {
      throw new Param.BadValue(
          "\""
              + Param.shorten(id)
              + "\" is not an IANA time zone id (e.g. UTC, Europe/Berlin, America/New_York)");
    }
    return ZoneId.of(id);
  }

  /** The zone as a SQL string literal, after checking it against the whitelist again. */
  public static String literal(ZoneId zone) {
    if (!KNOWN.contains(zone.getId())) {
      throw new IllegalArgumentException("not a whitelisted time zone: " + zone.getId());
    }
    return SqlLiteral.string(zone.getId());
  }
}
