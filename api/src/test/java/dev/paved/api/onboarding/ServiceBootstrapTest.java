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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * {@code /api/v1/onboarding/service-bootstrap} over hand-made {@code service_bootstraps} rows; the
 * event clock is 2026-04-10T12:00:00Z. 2026-03-02 is a Monday; Berlin is UTC+1 in March.
 *
 * <pre>
 * service   team      started (UTC)    ended (UTC)       by          seconds
 * payments  checkout  Mon 03-02 09:00  Tue 03-03 09:00   deploy       86,400
 * cart      checkout  Wed 03-04 10:00  Wed 03-04 16:00   completion   21,600
 * indexer   search    Thu 03-05 00:00  Sat 03-07 00:00   deploy      172,800
 * query     search    Sun 03-08 22:30  Sun 03-08 23:30   deploy        3,600  (Mon 03-09 in Berlin)
 * ranker    search    Mon 03-09 00:00  Mon 03-09 02:00   deploy        7,200  (version 2; a stale
 *                                                                      version 1, written later,
 *                                                                      has it not ended)
 * ledger    checkout  Tue 03-10 00:00  not ended                              (no period)
 * </pre>
 */
class ServiceBootstrapTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final ObjectMapper JSON = EventCodec.mapper();
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private static final String PATH = "/api/v1/onboarding/service-bootstrap";

  @BeforeAll
  static void facts() {
    ClickHouse ch = clickhouse.connection();
    ObjectNode clock = JSON.createObjectNode();
    clock.put("id", "clock");
    clock.put("type", "deploy");
    clock.put("time", "2026-04-10 12:00:00");
    clock.put("time_ms", 0);
    clock.put("payload", "{}");
    clock.put("received_at", "2026-04-10 12:00:01");
    clock.put("received_ms", 0);
    insert(ch, "events", clock);
    insert(
        ch,
        "service_bootstraps",
        bootstrap("payments", "checkout", "2026-03-02T09:00:00Z", "2026-03-03T09:00:00Z", false, 1),
        bootstrap("cart", "checkout", "2026-03-04T10:00:00Z", "2026-03-04T16:00:00Z", true, 1),
        bootstrap("indexer", "search", "2026-03-05T00:00:00Z", "2026-03-07T00:00:00Z", false, 1),
        bootstrap("query", "search", "2026-03-08T22:30:00Z", "2026-03-08T23:30:00Z", false, 1),
        bootstrap("ranker", "search", "2026-03-09T00:00:00Z", "2026-03-09T02:00:00Z", false, 2),
        bootstrap("ledger", "checkout", "2026-03-10T00:00:00Z", null, false, 1));
    insert(
        ch,
        "service_bootstraps",
        bootstrap("ranker", "search", "2026-03-09T00:00:00Z", null, false, 1));
  }

  @Test
  void weeksOfTheBootstrapsEnd() {
    JsonNode body = ok("?from=2026-03-01&to=2026-04-01");
    assertEquals("service_bootstrap", body.path("metric").asText());
    assertEquals("seconds", body.path("unit").asText());
    // Week of 2 March: 3,600, 21,600, 86,400, 172,800: median (21,600 + 86,400) / 2 = 54,000;
    // p90 h = 2.7 -> 86,400 + 0.7 * 86,400 = 146,880; mean 284,400 / 4 = 71,100; cart ended by
    // completion. Week of 9 March: ranker's version 2 only (7,200). ledger has not ended.
    assertEquals(
        List.of(
            "2026-03-02|4|54000.0|146880.0|71100.0|1|true",
            "2026-03-09|1|7200.0|7200.0|7200.0|0|true"),
        rows(body, null));
  }

  @Test
  void berlinMovesTheSundayNightBootstrapToTheNextWeek() {
    JsonNode body = ok("?from=2026-03-01&to=2026-04-01&tz=Europe/Berlin");
    // query ended at 00:30 on Monday 9 March in Berlin. Week of 2 March: 21,600, 86,400, 172,800:
    // median 86,400; p90 h = 1.8 -> 86,400 + 0.8 * 86,400 = 155,520; mean 280,800 / 3 = 93,600.
    // Week of 9 March: 3,600, 7,200: median 5,400; p90 3,600 + 0.9 * 3,600 = 6,840.
    assertEquals(
        List.of(
            "2026-03-02|3|86400.0|155520.0|93600.0|1|true",
            "2026-03-09|2|5400.0|6840.0|5400.0|0|true"),
        rows(body, null));
  }

  @Test
  void monthsGroupedByTeam() {
    JsonNode body = ok("?from=2026-03-01&to=2026-04-01&granularity=month&group_by=team");
    // checkout: 21,600, 86,400: median 54,000; p90 21,600 + 0.9 * 64,800 = 79,920.
    // search: 3,600, 7,200, 172,800: median 7,200; p90 h = 1.8 -> 7,200 + 0.8 * 165,600 =
    // 139,680; mean 183,600 / 3 = 61,200.
    assertEquals(
        List.of(
            "2026-03-01|checkout|2|54000.0|79920.0|54000.0|1|true",
            "2026-03-01|search|3|7200.0|139680.0|61200.0|0|true"),
        rows(body, "team"));
  }

  @Test
  void filteredByService() {
    JsonNode body = ok("?from=2026-03-01&to=2026-04-01&service=cart&service=indexer");
    // cart 21,600 and indexer 172,800: median 97,200; p90 21,600 + 0.9 * 151,200 = 157,680.
    assertEquals(List.of("2026-03-02|2|97200.0|157680.0|97200.0|1|true"), rows(body, null));
    assertEquals("[\"cart\",\"indexer\"]", body.path("filters").path("service").toString());
  }

  @Test
  void anUnknownParameterIsNamed() {
    Reply reply = get("?environment=production");
    assertEquals(400, reply.status(), reply.body());
    assertEquals(
        "environment", read(reply.body()).path("invalid_params").get(0).path("name").asText());
  }

  private static ObjectNode bootstrap(
      String service,
      String team,
      String startedAt,
      String endedAt,
      boolean completedWithoutDeploy,
      long version) {
    Instant started = Instant.parse(startedAt);
    ObjectNode row = JSON.createObjectNode();
    row.put("id", "bootstrap:" + service);
    row.put("service", service);
    row.put("team", team);
    row.put("actor", "dev-" + service);
    row.put("run_id", "run-" + service);
    row.put("started_at", format(started));
    row.put("started_ms", 0);
    if (endedAt == null) {
      row.putNull("ended_at");
      row.putNull("bootstrap_seconds");
      row.put("deploy_id", "");
    } else {
      Instant ended = Instant.parse(endedAt);
      row.put("ended_at", format(ended));
      row.put("bootstrap_seconds", (double) (ended.getEpochSecond() - started.getEpochSecond()));
      row.put("deploy_id", completedWithoutDeploy ? "" : "deploy-" + service);
    }
    row.put("ended_ms", 0);
    row.put("completed_without_deploy", completedWithoutDeploy ? 1 : 0);
    row.put("version", version);
    return row;
  }

  /** Each row as {@code period|[group|]count|median|p90|mean|completed_without_deploy|low}. */
  private static List<String> rows(JsonNode body, String group) {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : body.path("rows")) {
      List<String> line = new ArrayList<>();
      line.add(row.path("period").asText());
      if (group != null) {
        line.add(row.path(group).asText());
      }
      line.add(row.path("count").asText());
      for (String field : List.of("median", "p90", "mean")) {
        line.add(String.valueOf(row.path(field).asDouble()));
      }
      line.add(row.path("completed_without_deploy").asText());
      line.add(row.path("low_confidence").asText());
      rows.add(String.join("|", line));
    }
    return rows;
  }

  private static String format(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(DATE_TIME);
  }

  private static void insert(ClickHouse ch, String table, ObjectNode... rows) {
    StringBuilder ndjson = new StringBuilder();
    for (ObjectNode row : rows) {
      ndjson.append(row).append('\n');
    }
    ch.insertJsonEachRow(
        table, new ByteArrayInputStream(ndjson.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private record Reply(int status, String body) {}

  private static Reply get(String query) {
    Reply[] reply = new Reply[1];
    JavalinTest.test(
        new ApiServer(
                PavedConfig.defaults().api(), new ClickHouseStatus(clickhouse.connection()), JSON)
            .create(),
        (app, client) -> {
          var response =
              client.get(
                  PATH + query,
                  request -> request.header("Authorization", "Bearer paved-dev-read-token"));
          reply[0] = new Reply(response.code(), response.body().string());
        });
    return reply[0];
  }

  private static JsonNode ok(String query) {
    Reply reply = get(query);
    assertEquals(200, reply.status(), reply.body());
    return read(reply.body());
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
