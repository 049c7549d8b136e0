package dev.paved.api.features;

import static dev.paved.api.RouteTesting.badParameter;
import static dev.paved.api.RouteTesting.insert;
import static dev.paved.api.RouteTesting.ok;
import static dev.paved.api.RouteTesting.query;
import static dev.paved.api.workflows.WorkflowsTesting.rows;
import static dev.paved.api.workflows.WorkflowsTesting.use;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.api.workflows.WorkflowsTesting;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/v1/features/adoption} over hand-written {@code feature_usage} rows, weeks from Mon
 * 2026-02-02 to Mon 2026-03-09 (Berlin is UTC+1). EP = env-provisioning.
 *
 * <pre>
 * feature  actor  team      slot (UTC)
 * secrets  dev-1  search    Mon 02-02 10:00
 * secrets  dev-2  search    Tue 02-03 10:00
 * secrets  dev-4  checkout  Sun 03-01 23:30   (Mon 03-02 00:30 in Berlin)
 * secrets  dev-3  checkout  Thu 03-05 10:00
 * EP       dev-1  search    Mon 03-02 09:00 and Wed 03-04 10:00
 * EP       dev-2  search    Mon 03-02 11:00
 * EP       dev-3  checkout  Tue 03-03 09:00
 * </pre>
 *
 * Churn as of the week of 03-02 (ends 03-09): used in [01-12, 02-09) and not in [02-09, 03-09):
 * dev-1 and dev-2 of secrets. For earlier weeks the first window holds no use of anyone who stopped
 * (as of the week of 02-23, ending 03-02, it is [01-05, 02-02): nothing before 02-02).
 */
class AdoptionTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final String EP = "env-provisioning";
  private static final String RANGE_FROM = "2026-02-02";
  private static final String RANGE_TO = "2026-03-09";
  private static final String[] FIELDS = {
    "feature", "count", "active_developers", "active_teams", "churned_developers"
  };

  @BeforeAll
  static void facts() {
    ClickHouse ch = clickhouse.connection();
    WorkflowsTesting.eventClock(ch, "2026-03-08T12:00:00Z");
    insert(
        ch,
        "feature_usage",
        use("secrets", "dev-1", "search", "2026-02-02T10:00:00Z"),
        use("secrets", "dev-2", "search", "2026-02-03T10:00:00Z"),
        use("secrets", "dev-4", "checkout", "2026-03-01T23:30:00Z"),
        use("secrets", "dev-3", "checkout", "2026-03-05T10:00:00Z"),
        use(EP, "dev-1", "search", "2026-03-02T09:00:00Z"),
        use(EP, "dev-1", "search", "2026-03-04T10:00:00Z"),
        use(EP, "dev-2", "search", "2026-03-02T11:00:00Z"),
        use(EP, "dev-3", "checkout", "2026-03-03T09:00:00Z"));
  }

  private static JsonNode adoption(String... parameters) {
    String[] all = new String[parameters.length + 4];
    all[0] = "from";
    all[1] = RANGE_FROM;
    all[2] = "to";
    all[3] = RANGE_TO;
    System.arraycopy(parameters, 0, all, 4, parameters.length);
    return ok(clickhouse.connection(), "/api/v1/features/adoption" + query(all));
  }

  @Test
  void weeklyActiveDevelopersAndTeamsAndChurn() {
    JsonNode body = adoption();
    assertEquals("feature_adoption", body.path("metric").asText());
    assertEquals(
        List.of(
            "2026-02-02|secrets|2|2|1|0",
            "2026-02-23|secrets|1|1|1|0",
            "2026-03-02|" + EP + "|3|3|2|0",
            "2026-03-02|secrets|1|1|1|2"),
        rows(body, FIELDS));
  }

  @Test
  void inBerlinTheSundayNightUseBelongsToTheWeekOfMarchSecond() {
    // dev-4's use is Mon 03-02 00:30 in Berlin; the churn windows end at 03-09 00:00 Berlin.
    assertEquals(
        List.of(
            "2026-02-02|secrets|2|2|1|0",
            "2026-03-02|" + EP + "|3|3|2|0",
            "2026-03-02|secrets|2|2|1|2"),
        rows(adoption("tz", "Europe/Berlin"), FIELDS));
  }

  @Test
  void groupedByTeamAChurnOnlyRowHasNoActiveDevelopers() {
    assertEquals(
        List.of(
            "2026-02-02|search|secrets|2|2|1|0",
            "2026-02-23|checkout|secrets|1|1|1|0",
            "2026-03-02|checkout|" + EP + "|1|1|1|0",
            "2026-03-02|checkout|secrets|1|1|1|0",
            "2026-03-02|search|" + EP + "|2|2|1|0",
            "2026-03-02|search|secrets|0|0|0|2"),
        rows(
            adoption("group_by", "team"),
            "team",
            "feature",
            "count",
            "active_developers",
            "active_teams",
            "churned_developers"));
  }

  @Test
  void filteredByTeamAndFeaturePerMonth() {
    assertEquals(
        List.of("2026-03-01|" + EP + "|1|1|1|0", "2026-03-01|secrets|2|2|1|0"),
        rows(adoption("team", "checkout", "granularity", "month"), FIELDS));
    // March as one month (cut at 03-09): churn windows [01-12, 02-09) and [02-09, 03-09).
    assertEquals(
        List.of("2026-02-01|secrets|2|2|1|0", "2026-03-01|secrets|2|2|1|2"),
        rows(adoption("feature", "secrets", "granularity", "month"), FIELDS));
  }

  @Test
  void badParametersAreProblems() {
    ClickHouse ch = clickhouse.connection();
    badParameter(ch, "/api/v1/features/adoption" + query("feature", "a b"), "feature");
    badParameter(ch, "/api/v1/features/adoption" + query("team", "A;DROP"), "team");
    badParameter(ch, "/api/v1/features/adoption" + query("granularity", "quarter"), "granularity");
  }
}
