package dev.paved.api.scorecard;

import static dev.paved.api.RouteTesting.badParameter;
import static dev.paved.api.RouteTesting.insert;
import static dev.paved.api.RouteTesting.ok;
import static dev.paved.api.RouteTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.model.EventCodec;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/v1/scorecard} over hand-made facts for the week W = 2026-03-02 .. 03-09 (a Monday,
 * UTC) and the week before, P = 02-23 .. 03-02. Targets are the defaults.
 *
 * <pre>
 * deploys (production)  checkout/payments: P 02-24 success; W 03-02, 03-03, 03-04 success, 03-05
 *                       failure. search/indexer: W 03-03 success.
 * lead times            checkout: P 1 day; W 7 and 8 days. search: W 20 days.
 * incidents             checkout: W opened 03-03 10:00, resolved 12:00 (2 h).
 * onboarding            checkout: joined W 03-02 00:00, first change 12 h later; joined 03-03
 *                       00:00, first change 24 h later.
 * workflow attempts     checkout: P 2 completed; W 3 completed, 1 abandoned. search: W 1 abandoned.
 * raw events            checkout P: payments, cart (cart's ci deviation started 02-20, active);
 *                       checkout W: payments, wallet, api, cart (its deviation ended 03-04),
 *                       ledger (runtime deviation started 03-05). search W: indexer (ci deviation
 *                       started 03-03). Each event has its own actor (active developers:
 *                       checkout P 2, W 5; search W 2).
 * surveys               checkout: W csat 4, 5 (1-5), cognitive_load 2, 3 (1-5), nps 8 (0-10);
 *                       P csat 3. search: W csat 3.
 * tickets               checkout: W one opened 03-03.
 * </pre>
 */
class ScorecardTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final ObjectMapper JSON = EventCodec.mapper();
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final String PATH = "/api/v1/scorecard";
  private static final double DAY = 86_400;

  @BeforeAll
  static void facts() {
    ClickHouse ch = clickhouse.connection();
    insert(
        ch,
        "deploys",
        deploy("p1", "checkout", "payments", "success", "2026-02-24T10:00:00Z"),
        deploy("w1", "checkout", "payments", "success", "2026-03-02T10:00:00Z"),
        deploy("w2", "checkout", "payments", "success", "2026-03-03T10:00:00Z"),
        deploy("w3", "checkout", "payments", "success", "2026-03-04T10:00:00Z"),
        deploy("w4", "checkout", "payments", "failure", "2026-03-05T10:00:00Z"),
        deploy("s1", "search", "indexer", "success", "2026-03-03T12:00:00Z"));
    insert(
        ch,
        "change_lead_times",
        leadTime("c0", "checkout", "payments", "2026-02-24T10:00:00Z", 1),
        leadTime("c1", "checkout", "payments", "2026-03-02T10:00:00Z", 7),
        leadTime("c2", "checkout", "payments", "2026-03-03T10:00:00Z", 8),
        leadTime("c3", "search", "indexer", "2026-03-03T12:00:00Z", 20));
    ObjectNode incident = row("incident:i1");
    incident.put("incident_id", "i1").put("service", "payments").put("team", "checkout");
    time(incident, "opened_at", "opened_ms", "2026-03-03T10:00:00Z");
    time(incident, "resolved_at", "resolved_ms", "2026-03-03T12:00:00Z");
    incident.put("recovery_seconds", 7200.0).put("caused_by_deploy", "").put("severity", "sev2");
    insert(ch, "incidents", incident);
    insert(
        ch,
        "onboarding_milestones",
        milestone("dev-a", "2026-03-02T00:00:00Z", "2026-03-02T12:00:00Z"),
        milestone("dev-b", "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z"));
    insert(
        ch,
        "workflow_attempts",
        attempt("r1", "checkout", "2026-02-24T09:00:00Z", "completed"),
        attempt("r2", "checkout", "2026-02-25T09:00:00Z", "completed"),
        attempt("r3", "checkout", "2026-03-02T09:00:00Z", "completed"),
        attempt("r4", "checkout", "2026-03-03T09:00:00Z", "completed"),
        attempt("r5", "checkout", "2026-03-04T09:00:00Z", "completed"),
        attempt("r6", "checkout", "2026-03-05T09:00:00Z", "abandoned"),
        attempt("r7", "search", "2026-03-05T09:00:00Z", "abandoned"));
    insert(
        ch,
        "events",
        event("e1", "deploy", "checkout", "payments", "2026-02-24T10:00:00Z", ""),
        deviation("d1", "checkout", "cart", "ci", "2026-02-20T08:00:00Z", "started"),
        event("e2", "change", "checkout", "cart", "2026-02-25T10:00:00Z", ""),
        event("e3", "deploy", "checkout", "payments", "2026-03-02T10:00:00Z", ""),
        event("e4", "change", "checkout", "wallet", "2026-03-02T11:00:00Z", ""),
        event("e5", "change", "checkout", "api", "2026-03-02T12:00:00Z", ""),
        deviation("d2", "checkout", "cart", "ci", "2026-03-04T08:00:00Z", "ended"),
        deviation("d3", "checkout", "ledger", "runtime", "2026-03-05T08:00:00Z", "started"),
        deviation("d4", "search", "indexer", "ci", "2026-03-03T08:00:00Z", "started"),
        event("e6", "change", "search", "indexer", "2026-03-06T10:00:00Z", ""));
    insert(
        ch,
        "survey_answers",
        answer("a1", "checkout", "csat", 4, 1, 5, "2026-03-03T12:00:00Z"),
        answer("a2", "checkout", "csat", 5, 1, 5, "2026-03-04T12:00:00Z"),
        answer("a3", "checkout", "cognitive_load", 2, 1, 5, "2026-03-03T12:00:00Z"),
        answer("a4", "checkout", "cognitive_load", 3, 1, 5, "2026-03-04T12:00:00Z"),
        answer("a5", "checkout", "nps", 8, 0, 10, "2026-03-04T12:00:00Z"),
        answer("a6", "checkout", "csat", 3, 1, 5, "2026-02-25T12:00:00Z"),
        answer("a7", "search", "csat", 3, 1, 5, "2026-03-05T12:00:00Z"));
    ObjectNode ticket = row("ticket:T-1");
    ticket.put("ticket_id", "T-1").put("team", "checkout").put("actor", "dev-e3");
    ticket.put("feature", "ci").put("priority", "").put("kind", "request");
    time(ticket, "opened_at", "opened_ms", "2026-03-03T09:00:00Z");
    ticket.putNull("resolved_at");
    ticket.put("resolved_ms", 0).putNull("resolution_seconds");
    ticket.put("reopens", 0);
    insert(ch, "tickets", ticket);
  }

  @Test
  void aTeamsWeekAgainstItsTargetsAndTheWeekBefore() {
    JsonNode body =
        ok(
            clickhouse.connection(),
            PATH + query("from", "2026-01-01", "to", "2026-03-09", "team", "checkout"));
    Map<String, JsonNode> rows = byMetric(body);
    // 3 successful of 4 production deploys in 7 days; the week before 1 in 7: both >= 1/7.
    assertLine(rows.get("deployment_frequency"), 3.0 / 7, 1.0 / 7, 4, "met");
    assertEquals("high", rows.get("deployment_frequency").path("level").asText());
    // Median of 7 and 8 days = 7.5 days: above the week's target but within 10% (7.7 days).
    assertLine(rows.get("lead_time"), 7.5 * DAY, 1 * DAY, 2, "near");
    assertEquals(7.5 * DAY - DAY, rows.get("lead_time").path("change").asDouble(), 1e-6);
    // 1 failed of 4; 0 of 1 the week before: 0.25 is beyond 10% + 1% slack.
    assertLine(rows.get("change_failure_rate"), 0.25, 0.0, 4, "missed");
    // One incident of 2 h; none resolved the week before (previous and change null).
    assertLine(rows.get("recovery_time"), 7200.0, null, 1, "met");
    assertEquals(true, rows.get("recovery_time").path("change").isNull());
    // Kaplan-Meier over 12 h and 24 h (both reached): S falls to 0.5 at 12 h.
    assertLine(rows.get("onboarding_first_change"), 43_200.0, null, 2, "met");
    assertLine(rows.get("onboarding_first_deploy"), null, null, 0, null);
    // 1 abandoned of 4 started; 0 of 2 the week before.
    assertLine(rows.get("abandonment_rate"), 0.25, 0.0, 4, "missed");
    // W: payments, wallet, api, cart (deviation ended), ledger (active) -> 4 of 5 = 0.8 (met,
    // at the target); P: payments, cart (active at 03-02) -> 1 of 2.
    assertLine(rows.get("golden_path_share"), 0.8, 0.5, 5, "met");
    assertEquals(0.8 - 0.5, rows.get("golden_path_share").path("change").asDouble(), 1e-9);
    // 1 ticket opened, 5 active developers; the week before none of 2 developers.
    assertLine(rows.get("ticket_load"), 20.0, 0.0, 1, "missed");
    // csat: mean 4.5 against 1 + 0.75 x 4 = 4 (met); 3 the week before.
    assertLine(rows.get("survey_mean/csat"), 4.5, 3.0, 2, "met");
    assertEquals(4.0, rows.get("survey_mean/csat").path("target").asDouble(), 1e-9);
    assertEquals(false, rows.get("survey_mean/csat").path("change_significant").asBoolean());
    // cognitive_load: lower is better, target 5 - 3 = 2; 2.5 is beyond 2.2.
    assertLine(rows.get("survey_mean/cognitive_load"), 2.5, null, 2, "missed");
    assertEquals(2.0, rows.get("survey_mean/cognitive_load").path("target").asDouble(), 1e-9);
    assertEquals("lower", rows.get("survey_mean/cognitive_load").path("better").asText());
    // nps question: mean 8 on 0-10 against 7.5.
    assertLine(rows.get("survey_mean/nps"), 8.0, null, 1, "met");
    assertEquals(7.5, rows.get("survey_mean/nps").path("target").asDouble(), 1e-9);
    assertEquals(604_800.0, rows.get("lead_time").path("target").asDouble());
    assertEquals("lower", rows.get("lead_time").path("better").asText());
    assertEquals("higher", rows.get("golden_path_share").path("better").asText());
    assertEquals("2026-03-02", body.path("periods").path("current").path("period").asText());
    assertEquals("2026-02-23", body.path("periods").path("previous").path("period").asText());
    assertEquals(true, body.path("periods").path("current").path("complete").asBoolean());
    assertEquals("2026-03-02", rows.get("lead_time").path("period").asText());
  }

  @Test
  void theOrganisationCountsEveryTeam() {
    JsonNode body = ok(clickhouse.connection(), PATH + query("to", "2026-03-09"));
    Map<String, JsonNode> rows = byMetric(body);
    assertLine(rows.get("deployment_frequency"), 4.0 / 7, 1.0 / 7, 5, "met");
    // Median of 7, 8 and 20 days = 8 days, beyond 7.7 days.
    assertLine(rows.get("lead_time"), 8 * DAY, 1 * DAY, 3, "missed");
    assertLine(rows.get("change_failure_rate"), 0.2, 0.0, 5, "missed");
    assertLine(rows.get("abandonment_rate"), 2.0 / 5, 0.0, 5, "missed");
    // indexer joins with its active deviation: 4 of 6.
    assertLine(rows.get("golden_path_share"), 4.0 / 6, 0.5, 6, "missed");
    // 1 ticket, 7 active developers (5 + 2); csat (4 + 5 + 3) / 3 = 4, exactly the target.
    assertLine(rows.get("ticket_load"), 100.0 / 7, 0.0, 1, "missed");
    assertLine(rows.get("survey_mean/csat"), 4.0, 3.0, 3, "met");
  }

  @Test
  void aPeriodCutShortByToEndsThere() {
    JsonNode body =
        ok(clickhouse.connection(), PATH + query("to", "2026-03-05", "team", "checkout"));
    Map<String, JsonNode> rows = byMetric(body);
    // 03-02 .. 03-05: three successful deploys in three days.
    assertLine(rows.get("deployment_frequency"), 1.0, 1.0 / 7, 3, "met");
    assertEquals(false, body.path("periods").path("current").path("complete").asBoolean());
    assertEquals("2026-03-05T00:00:00Z", body.path("periods").path("current").path("to").asText());
  }

  @Test
  void monthsInATimeZone() {
    JsonNode body =
        ok(
            clickhouse.connection(),
            PATH
                + query(
                    "to",
                    "2026-03-09",
                    "granularity",
                    "month",
                    "tz",
                    "Europe/Berlin",
                    "team",
                    "checkout"));
    Map<String, JsonNode> rows = byMetric(body);
    // March so far (to 03-09 00:00 Berlin = 03-08 23:00 UTC): 4 deploys, 3 successful, in 8 days;
    // February (28 days, Berlin): 1 successful.
    assertLine(rows.get("deployment_frequency"), 3.0 / 8, 1.0 / 28, 4, "met");
    assertEquals("2026-02-01", body.path("periods").path("previous").path("period").asText());
  }

  @Test
  void statusIsDirectionAware() {
    assertEquals("met", Scorecard.Line.status(100, 100, true));
    assertEquals("near", Scorecard.Line.status(90, 100, true));
    assertEquals("missed", Scorecard.Line.status(89.9, 100, true));
    assertEquals("met", Scorecard.Line.status(100, 100, false));
    assertEquals("near", Scorecard.Line.status(110, 100, false));
    assertEquals("missed", Scorecard.Line.status(110.1, 100, false));
  }

  @Test
  void badParametersAreProblems() {
    ClickHouse ch = clickhouse.connection();
    badParameter(ch, PATH + query("team", "checkout", "team", "search"), "team");
    badParameter(ch, PATH + query("team", "checkout,search"), "team");
    badParameter(ch, PATH + query("granularity", "year"), "granularity");
    badParameter(ch, PATH + query("group_by", "team"), "group_by");
    badParameter(ch, PATH + query("team", "Checkout!"), "team");
  }

  private static void assertLine(
      JsonNode row, Double value, Double previous, long count, String status) {
    String name = row.path("metric").asText();
    assertNumber(name + " value", value, row.path("value"));
    assertNumber(name + " previous", previous, row.path("previous"));
    assertEquals(count, row.path("count").asLong(), name + " count");
    assertEquals(status, row.path("status").isNull() ? null : row.path("status").asText(), name);
  }

  private static void assertNumber(String what, Double expected, JsonNode actual) {
    if (expected == null) {
      assertEquals(true, actual.isNull(), what + ": " + actual);
    } else {
      assertEquals(expected, actual.asDouble(), 1e-9, what);
    }
  }

  private static Map<String, JsonNode> byMetric(JsonNode body) {
    Map<String, JsonNode> rows = new LinkedHashMap<>();
    for (JsonNode row : body.path("rows")) {
      rows.put(
          row.path("metric").asText()
              + (row.path("question").isNull() ? "" : "/" + row.path("question").asText()),
          row);
    }
    return rows;
  }

  private static ObjectNode row(String id) {
    ObjectNode row = JSON.createObjectNode();
    row.put("id", id);
    row.put("version", 1);
    return row;
  }

  private static void time(ObjectNode row, String column, String millis, String at) {
    Instant instant = Instant.parse(at);
    row.put(column, LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(DATE_TIME));
    row.put(millis, instant.toEpochMilli() % 1000);
  }

  private static ObjectNode deploy(
      String id, String team, String service, String status, String finishedAt) {
    ObjectNode row = row("deploy:" + id);
    row.put("deploy_id", id).put("service", service).put("team", team);
    row.put("environment", "production").put("production", 1).put("status", status);
    time(row, "finished_at", "finished_ms", finishedAt);
    row.put("failed", status.equals("success") ? 0 : 1);
    row.put("caused_incident", 0).put("incident_inferred", 0);
    return row;
  }

  private static ObjectNode leadTime(
      String id, String team, String service, String deployedAt, double days) {
    ObjectNode row = row("change:" + service + ":" + id);
    row.put("change_id", id).put("service", service).put("team", team).put("actor", "dev");
    Instant deployed = Instant.parse(deployedAt);
    time(row, "authored_at", "authored_ms", deployed.minusSeconds((long) (days * DAY)).toString());
    row.put("deploy_id", "d-" + id);
    time(row, "deployed_at", "deployed_ms", deployedAt);
    row.put("lead_time_seconds", days * DAY);
    return row;
  }

  private static ObjectNode milestone(String actor, String joinedAt, String reachedAt) {
    ObjectNode row = row("milestone:" + actor + ":first_change");
    row.put("actor", actor).put("milestone", "first_change").put("team", "checkout");
    time(row, "joined_at", "joined_ms", joinedAt);
    row.put("cohort_month", joinedAt.substring(0, 8) + "01");
    time(row, "reached_at", "reached_ms", reachedAt);
    row.putNull("left_at");
    row.put("left_ms", 0);
    return row;
  }

  private static ObjectNode attempt(String runId, String team, String startedAt, String status) {
    ObjectNode row = row("attempt:" + runId);
    row.put("run_id", runId).put("feature", "service-template").put("team", team);
    row.put("actor", "dev-" + runId);
    time(row, "started_at", "started_ms", startedAt);
    time(row, "last_event_at", "last_event_ms", startedAt);
    row.put("status", status).put("last_step", "configure-ci").put("events", 2).put("failures", 0);
    return row;
  }

  private static ObjectNode answer(
      String id, String team, String question, double score, double min, double max, String at) {
    ObjectNode row = row("survey:" + id);
    row.put("event_id", id).put("survey_id", "pulse").put("question", question);
    row.put("team", team).put("actor", "dev-" + id);
    time(row, "answered_at", "answered_ms", at);
    row.put("score", score).put("scale_min", min).put("scale_max", max);
    row.put("nps_score", (score - min) / (max - min) * 10).put("comment", "");
    return row;
  }

  private static ObjectNode event(
      String id, String type, String team, String service, String at, String action) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("id", id).put("type", type).put("time", at).put("team", team);
    payload.put("service", service);
    ObjectNode row = JSON.createObjectNode();
    row.put("id", id).put("type", type).put("team", team).put("service", service);
    row.put("action", action).put("actor", "dev-" + id);
    time(row, "time", "time_ms", at);
    time(row, "received_at", "received_ms", at);
    row.put("payload", payload.toString());
    return row;
  }

  private static ObjectNode deviation(
      String id, String team, String service, String component, String at, String action) {
    ObjectNode row = event(id, "deviation", team, service, at, action);
    ObjectNode payload = JSON.createObjectNode();
    payload.put("id", id).put("type", "deviation").put("time", at).put("team", team);
    payload.put("service", service).put("component", component);
    payload.put("golden_path", "platform-" + component).put("actual", "custom");
    payload.put("action", action);
    row.put("payload", payload.toString());
    return row;
  }
}
