package dev.paved.api.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.ApiServer;
import dev.paved.api.health.ClickHouseStatus;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.PavedConfig;
import dev.paved.model.EventCodec;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/v1/onboarding/developers} over hand-made {@code onboarding_milestones} rows; the
 * event clock ({@code as_of.event_time}) is 2026-04-10T12:00:00Z.
 *
 * <pre>
 * actor  team      joined (UTC)     first_change               first_deploy
 * a      checkout  2026-03-02 00:00 after 1 day                not reached
 * b      checkout  2026-03-02 00:00 after 2 days               not reached
 * c      checkout  2026-03-02 00:00 after 4 days               -
 * d      checkout  2026-03-02 00:00 left after 3 days          -
 * e      search    2026-04-01 00:00 after 1 day
 * f      search    2026-04-01 00:00 not reached (censored at the clock, 9.5 days)
 * </pre>
 */
class DeveloperOnboardingTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final ObjectMapper JSON = EventCodec.mapper();
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private static final double DAY = 86_400;

  @BeforeAll
  static void facts() {
    ClickHouse ch = clickhouse.connection();
    Instant clock = Instant.parse("2026-04-10T12:00:00Z");
    ObjectNode event = JSON.createObjectNode();
    event.put("id", "clock");
    event.put("type", "deploy");
    event.put("time", format(clock));
    event.put("time_ms", 0);
    event.put("payload", "{}");
    event.put("received_at", format(clock.plusSeconds(1)));
    event.put("received_ms", 0);
    insert(ch, "events", List.of(event));
    String march = "2026-03-02T00:00:00Z";
    String april = "2026-04-01T00:00:00Z";
    insert(
        ch,
        "onboarding_milestones",
        List.of(
            milestone("a", "checkout", "first_change", march, 1.0, null),
            milestone("b", "checkout", "first_change", march, 2.0, null),
            milestone("c", "checkout", "first_change", march, 4.0, null),
            milestone("d", "checkout", "first_change", march, null, 3.0),
            milestone("a", "checkout", "first_deploy", march, null, null),
            milestone("b", "checkout", "first_deploy", march, null, null),
            milestone("e", "search", "first_change", april, 1.0, null),
            milestone("f", "search", "first_change", april, null, null)));
  }

  @Test
  void kaplanMeierPerCohortAndMilestone() {
    JsonNode body =
        get("/api/v1/onboarding/developers?granularity=month&from=2026-03-01&to=2026-05-01");
    // March, first_change, durations 1, 2, 4 days reached and 3 days censored (d left):
    // t=1: 4 at risk, 1 reaches: S = 3/4; t=2: 3 at risk: S = 3/4 * 2/3 = 1/2 -> median 2 days;
    // t=3: d censored, no step; t=4: 1 at risk, 1 reaches: S = 0 -> p90 (S <= 0.1) 4 days.
    // d left, so nobody is still onboarding. March first_deploy: a and b censored at the clock,
    // S stays 1: median and p90 null, both still onboarding. April first_change: e reaches at
    // 1 day (2 at risk: S = 1/2 -> median 1 day); f censored at 9.5 days, S never <= 0.1: p90
    // null.
    assertEquals(
        List.of(
            "2026-03-01|first_change|4|3|0|" + 2 * DAY + "|" + 4 * DAY,
            "2026-03-01|first_deploy|2|0|2|null|null",
            "2026-04-01|first_change|2|1|1|" + DAY + "|null"),
        rows(body, false));
  }

  @Test
  void groupedByTeamAndFiltered() {
    JsonNode body =
        get(
            "/api/v1/onboarding/developers?granularity=month&from=2026-03-01&to=2026-05-01"
                + "&group_by=team&team=search");
    assertEquals(
        List.of("2026-04-01|search|first_change|2|1|1|" + DAY + "|null"), rows(body, true));
  }

  private static List<String> rows(JsonNode body, boolean team) {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : body.path("rows")) {
      StringBuilder line = new StringBuilder(row.path("period").asText());
      if (team) {
        line.append('|').append(row.path("team").asText());
      }
      for (String field : List.of("milestone", "count", "reached", "still_onboarding")) {
        line.append('|').append(row.path(field).asText());
      }
      for (String field : List.of("median", "p90")) {
        JsonNode value = row.path(field);
        line.append('|').append(value.isNull() ? "null" : String.valueOf(value.asDouble()));
      }
      rows.add(line.toString());
    }
    return rows;
  }

  private static ObjectNode milestone(
      String actor,
      String team,
      String milestone,
      String joinedAt,
      Double reachedDays,
      Double leftDays) {
    Instant joined = Instant.parse(joinedAt);
    ObjectNode row = JSON.createObjectNode();
    row.put("id", "milestone:" + actor + ":" + milestone);
    row.put("actor", actor);
    row.put("milestone", milestone);
    row.put("team", team);
    row.put("joined_at", format(joined));
    row.put("joined_ms", 0);
    row.put("cohort_month", joinedAt.substring(0, 8) + "01");
    if (reachedDays == null) {
      row.putNull("reached_at");
    } else {
      row.put("reached_at", format(joined.plus(Duration.ofSeconds((long) (reachedDays * DAY)))));
    }
    row.put("reached_ms", 0);
    if (leftDays == null) {
      row.putNull("left_at");
    } else {
      row.put("left_at", format(joined.plus(Duration.ofSeconds((long) (leftDays * DAY)))));
    }
    row.put("left_ms", 0);
    row.put("version", 1);
    return row;
  }

  private static String format(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(DATE_TIME);
  }

  private static void insert(ClickHouse ch, String table, List<ObjectNode> rows) {
    StringBuilder ndjson = new StringBuilder();
    for (ObjectNode row : rows) {
      ndjson.append(row).append('\n');
    }
    ch.insertJsonEachRow(
        table, new ByteArrayInputStream(ndjson.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode get(String pathAndQuery) {
    String[] body = new String[1];
    int[] status = new int[1];
    JavalinTest.test(
        new ApiServer(
                PavedConfig.defaults().api(), new ClickHouseStatus(clickhouse.connection()), JSON)
            .create(),
        (app, client) -> {
          var response =
              client.get(
                  pathAndQuery,
                  request -> request.header("Authorization", "Bearer paved-dev-read-token"));
          status[0] = response.code();
          body[0] = response.body().string();
        });
    assertEquals(200, status[0], body[0]);
    try {
      return JSON.readTree(body[0]);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
