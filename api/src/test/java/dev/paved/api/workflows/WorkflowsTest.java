package dev.paved.api.workflows;

import static dev.paved.api.RouteTesting.badParameter;
import static dev.paved.api.RouteTesting.insert;
import static dev.paved.api.RouteTesting.ok;
import static dev.paved.api.RouteTesting.query;
import static dev.paved.api.workflows.WorkflowsTesting.attempt;
import static dev.paved.api.workflows.WorkflowsTesting.followUp;
import static dev.paved.api.workflows.WorkflowsTesting.rows;
import static dev.paved.api.workflows.WorkflowsTesting.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/v1/workflows/abandonment} and {@code /stuck-points} over hand-written fact rows
 * (2026-03-02 is a Monday; Berlin is UTC+1 in March). EP = env-provisioning, ST = service-template.
 *
 * <pre>
 * run team/actor       feature started (UTC)  last event (UTC)  status     last step
 * a1  search/dev-1     EP      Mon 03-02 09:00 03-02 10:00       completed  deploy
 * a2  search/dev-2     EP      Mon 03-02 11:00 03-02 11:20       abandoned  configure-ci (v2; a
 *                                                                           stale v1 says open)
 * a3  checkout/dev-3   EP      Tue 03-03 09:00 03-03 09:10       abandoned  configure-ci
 * a4  checkout/dev-4   EP      Wed 03-04 09:00 03-04 09:00       open       started
 * a5  search/dev-1     ST      Sun 03-08 23:30 03-09 00:10       abandoned  choose-template
 * a6  search/dev-5     EP      Mon 03-09 08:00 03-09 08:00       abandoned  started
 *
 * steps (dwell s): a1 choose-template 09:10 (600), configure-ci 09:20 (1200), deploy 09:40 (1200);
 * a2 choose-template 11:05 (300), configure-ci failed "quota exceeded" 11:10 (600), configure-ci
 * failed "quota exceeded" 11:20 (none); a3 configure-ci failed "runner offline" 03-03 09:10
 * (none); a5 choose-template 03-09 00:10 (none).
 * tickets: dev-2 opened T-1 within 48 h of a2; dev-3's follow-up has none; dev-1 opened T-2 after a5.
 * </pre>
 */
class WorkflowsTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final String EP = "env-provisioning";
  private static final String ST = "service-template";

  @BeforeAll
  static void facts() {
    ClickHouse ch = clickhouse.connection();
    WorkflowsTesting.eventClock(ch, "2026-03-10T12:00:00Z");
    insert(
        ch,
        "workflow_attempts",
        attempt(
            "a1",
            EP,
            "search",
            "dev-1",
            "2026-03-02T09:00:00Z",
            "2026-03-02T10:00:00Z",
            "completed",
            "deploy",
            1),
        attempt(
            "a2",
            EP,
            "search",
            "dev-2",
            "2026-03-02T11:00:00Z",
            "2026-03-02T11:20:00Z",
            "abandoned",
            "configure-ci",
            2),
        attempt(
            "a3",
            EP,
            "checkout",
            "dev-3",
            "2026-03-03T09:00:00Z",
            "2026-03-03T09:10:00Z",
            "abandoned",
            "configure-ci",
            1),
        attempt(
            "a4",
            EP,
            "checkout",
            "dev-4",
            "2026-03-04T09:00:00Z",
            "2026-03-04T09:00:00Z",
            "open",
            "started",
            1),
        attempt(
            "a5",
            ST,
            "search",
            "dev-1",
            "2026-03-08T23:30:00Z",
            "2026-03-09T00:10:00Z",
            "abandoned",
            "choose-template",
            1),
        attempt(
            "a6",
            EP,
            "search",
            "dev-5",
            "2026-03-09T08:00:00Z",
            "2026-03-09T08:00:00Z",
            "abandoned",
            "started",
            1));
    // a2's stale first version, written after the newer one.
    insert(
        ch,
        "workflow_attempts",
        attempt(
            "a2",
            EP,
            "search",
            "dev-2",
            "2026-03-02T11:00:00Z",
            "2026-03-02T11:10:00Z",
            "open",
            "configure-ci",
            1));
    insert(
        ch,
        "workflow_steps",
        step(
            "a1",
            "s1",
            EP,
            "search",
            "dev-1",
            "choose-template",
            "2026-03-02T09:10:00Z",
            null,
            600.0),
        step(
            "a1",
            "s2",
            EP,
            "search",
            "dev-1",
            "configure-ci",
            "2026-03-02T09:20:00Z",
            null,
            1200.0),
        step("a1", "s3", EP, "search", "dev-1", "deploy", "2026-03-02T09:40:00Z", null, 1200.0),
        step(
            "a2",
            "s4",
            EP,
            "search",
            "dev-2",
            "choose-template",
            "2026-03-02T11:05:00Z",
            null,
            300.0),
        step(
            "a2",
            "s5",
            EP,
            "search",
            "dev-2",
            "configure-ci",
            "2026-03-02T11:10:00Z",
            "quota exceeded",
            600.0),
        step(
            "a2",
            "s6",
            EP,
            "search",
            "dev-2",
            "configure-ci",
            "2026-03-02T11:20:00Z",
            "quota exceeded",
            null),
        step(
            "a3",
            "s7",
            EP,
            "checkout",
            "dev-3",
            "configure-ci",
            "2026-03-03T09:10:00Z",
            "runner offline",
            null),
        step(
            "a5",
            "s9",
            ST,
            "search",
            "dev-1",
            "choose-template",
            "2026-03-09T00:10:00Z",
            null,
            null));
    insert(
        ch,
        "workflow_ticket_followups",
        followUp("a2", EP, "dev-2", "2026-03-02T11:20:00Z", "T-1"),
        followUp("a3", EP, "dev-3", "2026-03-03T09:10:00Z", null),
        followUp("a5", ST, "dev-1", "2026-03-09T00:10:00Z", "T-2"));
  }

  private static JsonNode abandonment(String query) {
    return ok(clickhouse.connection(), "/api/v1/workflows/abandonment" + query);
  }

  private static JsonNode stuckPoints(String query) {
    return ok(clickhouse.connection(), "/api/v1/workflows/stuck-points" + query);
  }

  private static final String[] ABANDONMENT = {
    "feature", "count", "completed", "abandoned", "open", "rate"
  };

  @Test
  void abandonmentPerWeekOfTheStartAndFeature() {
    JsonNode body = abandonment("");
    assertEquals("workflow_abandonment", body.path("metric").asText());
    // Week of 03-02: EP a1-a4 (a2 abandoned: FINAL keeps version 2): 2 abandoned / 4 = 0.5;
    // ST a5 started Sunday 03-08 23:30 UTC: 1 / 1. Week of 03-09: EP a6, 1 / 1.
    assertEquals(
        List.of(
            "2026-03-02|" + EP + "|4|1|2|1|0.5",
            "2026-03-02|" + ST + "|1|0|1|0|1",
            "2026-03-09|" + EP + "|1|0|1|0|1"),
        rows(body, ABANDONMENT));
  }

  @Test
  void abandonmentInBerlinMovesTheSundayNightStartToTheNextWeek() {
    // a5: 03-08 23:30 UTC is Monday 03-09 00:30 in Berlin.
    assertEquals(
        List.of(
            "2026-03-02|" + EP + "|4|1|2|1|0.5",
            "2026-03-09|" + EP + "|1|0|1|0|1",
            "2026-03-09|" + ST + "|1|0|1|0|1"),
        rows(abandonment(query("tz", "Europe/Berlin")), ABANDONMENT));
  }

  @Test
  void abandonmentFilteredByTeamAndFeatureAndGroupedByTeamPerMonth() {
    // checkout: a3 abandoned, a4 open.
    assertEquals(
        List.of("2026-03-02|" + EP + "|2|0|1|1|0.5"),
        rows(abandonment(query("team", "checkout")), ABANDONMENT));
    assertEquals(
        List.of("2026-03-02|" + ST + "|1|0|1|0|1"),
        rows(abandonment(query("feature", ST)), ABANDONMENT));
    // March: EP checkout a3, a4; EP search a1, a2, a6: 2 abandoned of 3; ST search a5.
    JsonNode body = abandonment(query("granularity", "month", "group_by", "team"));
    assertEquals(
        List.of(
            "2026-03-01|checkout|" + EP + "|2|0|1|1|0.5",
            "2026-03-01|search|" + EP + "|3|1|2|0|0.6666666666666666",
            "2026-03-01|search|" + ST + "|1|0|1|0|1"),
        rows(body, "team", "feature", "count", "completed", "abandoned", "open", "rate"));
  }

  private static final String[] STUCK = {
    "feature",
    "step",
    "count",
    "abandoned_here",
    "dwell_median",
    "dwell_p90",
    "failures",
    "top_errors",
    "ticket_within_48h"
  };

  @Test
  void stuckPointsPerWeekFeatureAndStep() {
    JsonNode body = stuckPoints("");
    assertEquals("stuck_points", body.path("metric").asText());
    // choose-template, week of 03-02: 600 and 300 s: median 450, p90 300 + 0.9 * 300 = 570.
    // configure-ci: events s2 (1200), s5 (600), s6, s7 (no next event): count 4, dwell over
    // 600 and 1200: median 900, p90 600 + 0.9 * 600 = 1140; failures s5, s6 (quota exceeded), s7
    // (runner offline); abandoned here a2 (last event 03-02) and a3 (03-03); of dev-2 and dev-3
    // only dev-2 opened a ticket within 48 h.
    // Week of 03-09: a6 abandoned at started (no step events: count 0); a5 at choose-template,
    // dev-1 opened T-2.
    assertEquals(
        List.of(
            "2026-03-02|" + EP + "|choose-template|2|0|450|570|0|[]|0",
            "2026-03-02|"
                + EP
                + "|configure-ci|4|2|900|1140|3|"
                + "[{\"error\":\"quota exceeded\",\"count\":2},"
                + "{\"error\":\"runner offline\",\"count\":1}]|1",
            "2026-03-02|" + EP + "|deploy|1|0|1200|1200|0|[]|0",
            "2026-03-09|" + EP + "|started|0|1|||0|[]|0",
            "2026-03-09|" + ST + "|choose-template|1|1|||0|[]|1"),
        rows(body, STUCK));
  }

  @Test
  void stuckPointsOfOneTeamInBerlin() {
    // checkout: s7 and a3 only. In Berlin, 03-03 09:10 UTC is still the week of 03-02.
    assertEquals(
        List.of(
            "2026-03-02|"
                + EP
                + "|configure-ci|1|1|||1|[{\"error\":\"runner offline\",\"count\":1}]|0"),
        rows(stuckPoints(query("team", "checkout", "tz", "Europe/Berlin")), STUCK));
  }

  @Test
  void stuckPointsOfOneFeatureGroupedByTeam() {
    JsonNode body = stuckPoints(query("feature", ST, "group_by", "team"));
    assertEquals(
        List.of("2026-03-09|search|" + ST + "|choose-template|1|1|||0|[]|1"),
        rows(
            body,
            "team",
            "feature",
            "step",
            "count",
            "abandoned_here",
            "dwell_median",
            "dwell_p90",
            "failures",
            "top_errors",
            "ticket_within_48h"));
  }

  @Test
  void badParametersAreProblems() {
    ClickHouse ch = clickhouse.connection();
    badParameter(ch, "/api/v1/workflows/abandonment" + query("feature", "Not A Slug"), "feature");
    badParameter(ch, "/api/v1/workflows/abandonment" + query("group_by", "service"), "group_by");
    badParameter(
        ch, "/api/v1/workflows/stuck-points" + query("granularity", "year"), "granularity");
    badParameter(ch, "/api/v1/workflows/stuck-points" + query("tz", "Mars/Olympus"), "tz");
  }
}
