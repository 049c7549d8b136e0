package dev.paved.api.voice;

import static dev.paved.api.RouteTesting.ok;
import static dev.paved.api.voice.VoiceTesting.JSON;
import static dev.paved.api.voice.VoiceTesting.column;
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
 * {@code /api/v1/surveys} over hand-made {@code survey_answers} rows of team search.
 *
 * <pre>
 * week of 03-02  nps  9 (dev-1), 6 (anonymous), 10 (dev-3)
 * week of 03-09  nps  1, 2, 1, 2 (all anonymous)
 *                csat 4, 5 on 1-5
 * </pre>
 */
class SurveysTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static int answers;

  static ObjectNode answer(String time, String question, double score, double max, String actor) {
    ObjectNode row = JSON.createObjectNode();
    row.put("id", "survey:a" + ++answers);
    row.put("event_id", "a" + answers);
    row.put("survey_id", "dx-q1");
    row.put("question", question);
    row.put("team", "search");
    row.put("actor", actor);
    VoiceTesting.putTime(row, "answered_at", time);
    row.put("score", score);
    row.put("scale_min", max == 10 ? 0 : 1);
    row.put("scale_max", max);
    row.put("nps_score", max == 10 ? score : 10 * (score - 1) / (max - 1));
    row.put("comment", "");
    row.put("version", 1);
    return row;
  }

  @BeforeAll
  static void answers() {
    ClickHouse ch = clickhouse.connection();
    RouteTesting.insert(
        ch,
        "survey_answers",
        answer("2026-03-02T10:00:00Z", "nps", 9, 10, "dev-1"),
        answer("2026-03-03T10:00:00Z", "nps", 6, 10, ""),
        answer("2026-03-04T10:00:00Z", "nps", 10, 10, "dev-3"),
        answer("2026-03-09T10:00:00Z", "nps", 1, 10, ""),
        answer("2026-03-10T10:00:00Z", "nps", 2, 10, ""),
        answer("2026-03-11T10:00:00Z", "nps", 1, 10, ""),
        answer("2026-03-12T10:00:00Z", "nps", 2, 10, ""),
        answer("2026-03-09T11:00:00Z", "csat", 4, 5, ""),
        answer("2026-03-10T11:00:00Z", "csat", 5, 5, "dev-1"));
    RouteTesting.insert(
        ch, "events", VoiceTesting.event("clock", "2026-03-12T12:00:00Z", "search", "dev-1"));
  }

  @Test
  void meansIntervalsNpsAndASignificantDrop() {
    JsonNode body = ok(clickhouse.connection(), "/api/v1/surveys?from=2026-03-01&to=2026-03-16");
    assertEquals(List.of("2026-03-02", "2026-03-09", "2026-03-09"), column(body, "period"));
    assertEquals(List.of("nps", "csat", "nps"), column(body, "question"));
    JsonNode first = body.path("rows").get(0);
    // 9, 6, 10: mean 25/3; s² = (217 - 625/3) / 2 = 13/3; half width t(0.975, 2) = 4.302653
    // times √(13/9) = 5.171145; anonymous answers count.
    assertEquals(3, first.path("count").asInt());
    assertEquals(25.0 / 3, first.path("mean").asDouble(), 1e-9);
    assertEquals(3.162188, first.path("ci_low").asDouble(), 1e-5);
    assertEquals(13.504479, first.path("ci_high").asDouble(), 1e-5);
    // Promoters 9 and 10, detractor 6: 100 * (2 - 1) / 3.
    assertEquals(100.0 / 3, first.path("nps").asDouble(), 1e-9);
    assertEquals(false, first.path("change_significant").asBoolean());
    assertEquals(true, first.path("low_confidence").asBoolean());

    JsonNode csat = body.path("rows").get(1);
    // 4, 5: mean 4.5; s² = 0.5; half width t(0.975, 1) = 12.706205 * 0.5.
    assertEquals(4.5, csat.path("mean").asDouble(), 1e-9);
    assertEquals(-1.8531025, csat.path("ci_low").asDouble(), 1e-5);
    assertEquals(10.8531025, csat.path("ci_high").asDouble(), 1e-5);
    assertEquals(true, csat.path("nps").isNull());

    JsonNode nps = body.path("rows").get(2);
    // 1, 2, 1, 2: mean 1.5, s² = 1/3, half width 3.182446 * √(1/12) = 0.918693. All
    // detractors: -100. Welch against the week before: t = 6.8333 / √(13/9 + 1/12) = 5.53,
    // df ≈ 2.23, p ≈ 0.025 < 0.05.
    assertEquals(1.5, nps.path("mean").asDouble(), 1e-9);
    assertEquals(0.581307, nps.path("ci_low").asDouble(), 1e-5);
    assertEquals(2.418693, nps.path("ci_high").asDouble(), 1e-5);
    assertEquals(-100.0, nps.path("nps").asDouble(), 1e-9);
    assertEquals(true, nps.path("change_significant").asBoolean());
  }

  @Test
  void theFirstPeriodIsComparedWithTheOneBeforeTheRange() {
    JsonNode body =
        ok(
            clickhouse.connection(),
            "/api/v1/surveys?from=2026-03-09&to=2026-03-16&question=nps&group_by=team");
    assertEquals(List.of("2026-03-09"), column(body, "period"));
    assertEquals(List.of("search"), column(body, "team"));
    assertEquals(List.of("true"), column(body, "change_significant"));
  }
}
