package dev.paved.api.delivery;

import static dev.paved.api.RouteTesting.insert;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.config.ApiConfig;
import dev.paved.model.EventCodec;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helpers for the delivery endpoints: fact rows written straight into the jobs' tables
 * (migration 002) as JSONEachRow, the raw-event clock that {@code as_of} reads, and GETs over real
 * HTTP with the read token.
 */
final class DeliveryTesting {
  static final ObjectMapper JSON = EventCodec.mapper();
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private DeliveryTesting() {}

  /** Sets the event-time clock ({@code as_of.event_time}): one raw event at {@code time}. */
  static void eventClock(ClickHouse clickhouse, String time) {
    Instant instant = Instant.parse(time);
    ObjectNode row = JSON.createObjectNode();
    row.put("id", "clock-" + time);
    row.put("type", "deploy");
    putTime(row, "time", instant);
    row.put("payload", "{}");
    putTime(row, "received", instant.plusSeconds(1));
    row.put("received_at", row.remove("received").asText());
    insert(clickhouse, "events", row);
  }

  /** {@code column} as {@code 'YYYY-MM-DD hh:mm:ss'} (UTC) and {@code column_ms}. */
  static ObjectNode putTime(ObjectNode row, String column, Instant instant) {
    row.put(column, LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(DATE_TIME));
    String millis = column.endsWith("_at") ? column.replace("_at", "_ms") : column + "_ms";
    row.put(millis, instant.toEpochMilli() % 1000);
    return row;
  }

  private static final double HOUR = 3600;

  /**
   * A {@code change_lead_times} row: the change {@code changeId} of {@code team}/{@code service},
   * first shipped by {@code deployId} at {@code deployedAt}, {@code hours} after it was authored.
   */
  static ObjectNode leadTime(
      String changeId,
      String team,
      String service,
      String deployId,
      String deployedAt,
      double hours,
      long version) {
    Instant deployed = Instant.parse(deployedAt);
    ObjectNode row = JSON.createObjectNode();
    row.put("id", "change:" + service + ":" + changeId);
    row.put("change_id", changeId);
    row.put("service", service);
    row.put("team", team);
    row.put("actor", "dev-" + changeId);
    putTime(row, "authored_at", deployed.minusMillis(Math.round(hours * HOUR * 1000)));
    row.put("deploy_id", deployId);
    putTime(row, "deployed_at", deployed);
    row.put("lead_time_seconds", hours * HOUR);
    row.putNull("coding_seconds");
    row.putNull("pickup_seconds");
    row.putNull("review_seconds");
    row.putNull("deploy_seconds");
    row.put("version", version);
    return row;
  }

  /** The stage durations (seconds) of a lead time row. */
  static ObjectNode stages(
      ObjectNode leadTime, double coding, double pickup, double review, double deploy) {
    leadTime.put("coding_seconds", coding);
    leadTime.put("pickup_seconds", pickup);
    leadTime.put("review_seconds", review);
    leadTime.put("deploy_seconds", deploy);
    return leadTime;
  }

  /**
   * A {@code deploys} row; {@code failed} follows the status, {@code production} the default set.
   */
  static ObjectNode deploy(
      String deployId,
      String team,
      String service,
      String environment,
      String status,
      String finishedAt,
      long version) {
    ObjectNode row = JSON.createObjectNode();
    row.put("id", "deploy:" + deployId);
    row.put("deploy_id", deployId);
    row.put("service", service);
    row.put("team", team);
    row.put("environment", environment);
    row.put("production", ApiConfig.DEFAULT_PRODUCTION_ENVIRONMENTS.contains(environment) ? 1 : 0);
    row.put("status", status);
    putTime(row, "finished_at", Instant.parse(finishedAt));
    row.put("failed", status.equals("success") ? 0 : 1);
    row.put("caused_incident", 0);
    row.put("incident_inferred", 0);
    row.put("version", version);
    return row;
  }

  /** Marks a deploy row as having caused an incident, named ({@code inferred} false) or not. */
  static ObjectNode causedIncident(ObjectNode deploy, boolean inferred) {
    deploy.put("caused_incident", 1);
    deploy.put("incident_inferred", inferred ? 1 : 0);
    return deploy;
  }

  /**
   * The deploys of {@link DeploymentsTest} and {@link ChangeFailureRateTest} (2026-03-02 is a
   * Monday; Berlin is UTC+1 in March, UTC+2 from 29 March):
   *
   * <pre>
   * id   team/service      environment  status       finished (UTC)     incident
   * dp1  checkout/payments production   success      Mon 03-02 09:00
   * dp2  checkout/payments production   success      Mon 03-02 15:00
   * dp3  checkout/payments production   success      Tue 03-03 10:00    named
   * dp4  checkout/payments production   failure      Wed 03-04 10:00
   * dp5  checkout/payments production   success      Sun 03-08 23:30    inferred  (Mon 03-09 in Berlin)
   * dp6  checkout/payments production   rolled_back  Thu 03-05 10:00    (version 2; a stale version 1
   *                                                                      says success)
   * di1  search/indexer    prod         success      Tue 03-03 12:00
   * di2  search/indexer    prod         success      Tue 04-07 12:00
   * di3  search/indexer    prod         failure      Wed 04-08 12:00    inferred, but failed anyway
   * ds1  checkout/payments staging      success      Tue 03-03 11:00
   * ds2  checkout/payments staging      failure      Wed 03-04 11:00
   * </pre>
   */
  static void deploys(ClickHouse clickhouse) {
    eventClock(clickhouse, "2026-04-10T12:00:00Z");
    insert(
        clickhouse,
        "deploys",
        deploy("dp1", "checkout", "payments", "production", "success", "2026-03-02T09:00:00Z", 1),
        deploy("dp2", "checkout", "payments", "production", "success", "2026-03-02T15:00:00Z", 1),
        causedIncident(
            deploy(
                "dp3", "checkout", "payments", "production", "success", "2026-03-03T10:00:00Z", 1),
            false),
        deploy("dp4", "checkout", "payments", "production", "failure", "2026-03-04T10:00:00Z", 1),
        causedIncident(
            deploy(
                "dp5", "checkout", "payments", "production", "success", "2026-03-08T23:30:00Z", 1),
            true),
        deploy(
            "dp6", "checkout", "payments", "production", "rolled_back", "2026-03-05T10:00:00Z", 2),
        deploy("di1", "search", "indexer", "prod", "success", "2026-03-03T12:00:00Z", 1),
        deploy("di2", "search", "indexer", "prod", "success", "2026-04-07T12:00:00Z", 1),
        causedIncident(
            deploy("di3", "search", "indexer", "prod", "failure", "2026-04-08T12:00:00Z", 1), true),
        deploy("ds1", "checkout", "payments", "staging", "success", "2026-03-03T11:00:00Z", 1),
        deploy("ds2", "checkout", "payments", "staging", "failure", "2026-03-04T11:00:00Z", 1));
    // dp6's stale first version, written after the newer one.
    insert(
        clickhouse,
        "deploys",
        deploy("dp6", "checkout", "payments", "production", "success", "2026-03-05T10:00:00Z", 1));
  }

  /** An {@code incidents} row; {@code resolvedAt} null while open. */
  static ObjectNode incident(
      String incidentId,
      String team,
      String service,
      String openedAt,
      String resolvedAt,
      long version) {
    Instant opened = Instant.parse(openedAt);
    ObjectNode row = JSON.createObjectNode();
    row.put("id", "incident:" + incidentId);
    row.put("incident_id", incidentId);
    row.put("service", service);
    row.put("team", team);
    putTime(row, "opened_at", opened);
    if (resolvedAt == null) {
      row.putNull("resolved_at");
      row.put("resolved_ms", 0);
      row.putNull("recovery_seconds");
    } else {
      Instant resolved = Instant.parse(resolvedAt);
      putTime(row, "resolved_at", resolved);
      row.put("recovery_seconds", (resolved.toEpochMilli() - opened.toEpochMilli()) / 1000.0);
    }
    row.put("caused_by_deploy", "");
    row.put("severity", "sev2");
    row.put("version", version);
    return row;
  }

  /** The numbers of {@code field} in the rows, in order, each within 1e-6 of the expected. */
  static void assertNumbers(JsonNode body, String field, double... expected) {
    JsonNode rows = body.path("rows");
    assertEquals(expected.length, rows.size(), field + " in " + rows);
    for (int i = 0; i < expected.length; i++) {
      JsonNode value = rows.get(i).path(field);
      org.junit.jupiter.api.Assertions.assertTrue(value.isNumber(), field + " of " + rows.get(i));
      assertEquals(expected[i], value.asDouble(), 1e-6, field + " of " + rows.get(i));
    }
  }

  /** Each row as {@code period|[group|]field|field...} with the given fields. */
  static List<String> rows(JsonNode body, String... fields) {
    List<String> rows = new ArrayList<>();
    String group = body.path("group_by").isNull() ? null : body.path("group_by").asText();
    for (JsonNode row : body.path("rows")) {
      StringBuilder line = new StringBuilder(row.path("period").asText());
      if (group != null) {
        line.append('|').append(row.path(group).asText());
      }
      for (String field : fields) {
        JsonNode value = row.path(field);
        line.append('|').append(value.isNull() ? "null" : value.asText());
      }
      rows.add(line.toString());
    }
    return rows;
  }
}
