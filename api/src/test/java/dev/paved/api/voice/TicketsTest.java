package dev.paved.api.voice;

import static dev.paved.api.RouteTesting.ok;
import static dev.paved.api.voice.VoiceTesting.JSON;
import static dev.paved.api.voice.VoiceTesting.column;
import static dev.paved.api.voice.VoiceTesting.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.RouteTesting;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/v1/tickets} over hand-made {@code tickets} rows and raw events for the active
 * developers.
 *
 * <pre>
 * ticket  team    feature kind      opened        resolved       seconds  reopens
 * PLAT-1  search  ci      request   Mon 03-02 09  Tue 03-03 10   90,000   1
 * PLAT-2  search  ci      problem   Tue 03-03 09  Tue 03-03 11    7,200   0
 * PLAT-3  ml      ci      request   Wed 03-04 09  open
 * PLAT-4  ml      deploy  question  Thu 03-05 09  Tue 03-10 09  432,000   0
 * active developers: week of 03-02 dev-1, dev-2 (search), dev-3, dev-4 (ml); of 03-09 dev-1
 * </pre>
 */
class TicketsTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  static ObjectNode ticket(
      String id,
      String team,
      String feature,
      String kind,
      String opened,
      String resolved,
      Double seconds,
      int reopens) {
    ObjectNode row = JSON.createObjectNode();
    row.put("id", "ticket:" + id);
    row.put("ticket_id", id);
    row.put("team", team);
    row.put("actor", "dev-" + id);
    row.put("feature", feature);
    row.put("priority", "");
    row.put("kind", kind);
    VoiceTesting.putTime(row, "opened_at", opened);
    if (resolved == null) {
      row.putNull("resolved_at");
      row.put("resolved_ms", 0);
    } else {
      VoiceTesting.putTime(row, "resolved_at", resolved);
    }
    if (seconds == null) {
      row.putNull("resolution_seconds");
    } else {
      row.put("resolution_seconds", seconds);
    }
    row.put("reopens", reopens);
    row.put("version", 1);
    return row;
  }

  @BeforeAll
  static void tickets() {
    ClickHouse ch = clickhouse.connection();
    RouteTesting.insert(
        ch,
        "tickets",
        ticket(
            "PLAT-1",
            "search",
            "ci",
            "request",
            "2026-03-02T09:00:00Z",
            "2026-03-03T10:00:00Z",
            90_000.0,
            1),
        ticket(
            "PLAT-2",
            "search",
            "ci",
            "problem",
            "2026-03-03T09:00:00Z",
            "2026-03-03T11:00:00Z",
            7_200.0,
            0),
        ticket("PLAT-3", "ml", "ci", "request", "2026-03-04T09:00:00Z", null, null, 0),
        ticket(
            "PLAT-4",
            "ml",
            "deploy",
            "question",
            "2026-03-05T09:00:00Z",
            "2026-03-10T09:00:00Z",
            432_000.0,
            0));
    RouteTesting.insert(
        ch,
        "events",
        event("e1", "2026-03-02T08:00:00Z", "search", "dev-1"),
        event("e2", "2026-03-03T08:00:00Z", "search", "dev-2"),
        event("e3", "2026-03-04T08:00:00Z", "ml", "dev-3"),
        event("e4", "2026-03-05T08:00:00Z", "ml", "dev-4"),
        event("e5", "2026-03-05T09:00:00Z", "ml", "dev-4"),
        event("e6", "2026-03-11T08:00:00Z", "search", "dev-1"),
        event("e7", "2026-03-11T09:00:00Z", "search", ""));
  }

  @Test
  void volumesResolutionReopensLoadAndRequestShare() {
    JsonNode body = ok(clickhouse.connection(), "/api/v1/tickets?from=2026-03-01&to=2026-03-16");
    assertEquals(
        List.of("2026-03-02", "2026-03-02", "2026-03-02", "2026-03-09"), column(body, "period"));
    assertEquals(List.of("ci", "ci", "deploy", "deploy"), column(body, "feature"));
    assertEquals(List.of("problem", "request", "question", "question"), column(body, "kind"));
    assertEquals(List.of("1", "2", "1", "0"), column(body, "count"));
    assertEquals(List.of("1", "2", "1", "0"), column(body, "opened"));
    // PLAT-1 and PLAT-2 resolved in the week of 03-02; PLAT-4 in the week of 03-09.
    assertEquals(List.of("1", "1", "0", "1"), column(body, "resolved"));
    assertEquals(List.of("7200", "90000", "null", "432000"), column(body, "median"));
    assertEquals(List.of("7200", "90000", "null", "432000"), column(body, "p90"));
    // PLAT-1 of the two requests opened was reopened.
    assertEquals(List.of("0.0", "0.5", "0.0", "null"), column(body, "reopen_rate"));
    // Four developers active in the week of 03-02, one (the empty actor does not count) after.
    assertEquals(List.of("25.0", "50.0", "25.0", "0.0"), column(body, "per_100_active_developers"));
    // ci: two requests of three opened; deploy: no request.
    assertEquals(
        List.of(String.valueOf(2.0 / 3), String.valueOf(2.0 / 3), "0.0", "null"),
        column(body, "request_share"));
  }

  @Test
  void aFeatureThatIsNoSlugIsABadRequest() {
    JsonNode bad =
        RouteTesting.problem(clickhouse.connection(), "/api/v1/tickets?feature=CI%27%3B", 400);
    assertEquals("feature", bad.path("invalid_params").get(0).path("name").asText());
  }

  @Test
  void perTeamTheTeamsOwnDevelopersAreTheBase() {
    JsonNode body =
        ok(
            clickhouse.connection(),
            "/api/v1/tickets?from=2026-03-01&to=2026-03-09&group_by=team&feature=ci");
    assertEquals(List.of("ml", "search", "search"), column(body, "team"));
    assertEquals(List.of("request", "problem", "request"), column(body, "kind"));
    // ml: 1 ticket, 2 developers (dev-3, dev-4); search: 1 each, 2 developers.
    assertEquals(List.of("50.0", "50.0", "50.0"), column(body, "per_100_active_developers"));
    // search's ci tickets: one request of two.
    assertEquals(List.of("1.0", "0.5", "0.5"), column(body, "request_share"));
  }
}
