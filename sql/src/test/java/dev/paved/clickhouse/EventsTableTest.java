package dev.paved.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Migration 001's events table, filled with a few events and read back the way Paved reads it. */
class EventsTableTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  @BeforeAll
  static void insertEvents() {
    insert(
        event("gh-9f1c", "change", "2026-03-02T09:14:00Z", "2026-03-02T09:14:05.100Z")
            .put("team", "checkout")
            .put("actor", "dev-41")
            .put("service", "payments")
            .put("source", "github")
            .set("attributes", attributes(Map.of("repo", "payments-api", "lines", "120"))),
        event("deploy-7781", "deploy", "2026-03-02T11:40:12Z", "2026-03-02T11:40:13Z")
            .put("team", "checkout")
            .put("service", "payments")
            .set("attributes", attributes(Map.of("region", "eu-west-1"))),
        event("u-55-3", "usage", "2026-03-02T10:02:00.250Z", "2026-03-02T10:02:01Z")
            .put("team", "search")
            .put("actor", "dev-77")
            .put("feature", "service-template")
            .put("action", "step")
            .put("run_id", "r-55")
            .put("step", "configure-ci"),
        event("dev-ab", "deviation", "2026-03-01T08:00:00Z", "2026-03-01T08:00:02Z")
            .put("team", "search")
            .put("service", "indexer")
            .set("attributes", attributes(Map.of("region", "us-east-1"))),
        // Received after the one inserted next: the later insert must win.
        event("retried", "usage", "2026-03-02T12:00:00Z", "2026-03-02T12:05:00Z")
            .put("team", "late-copy"));
    // Duplicates, each in an insert (a part) of its own, as a replay or a retry would write them.
    insert(
        event("gh-9f1c", "change", "2026-03-02T09:14:00Z", "2026-03-02T09:20:00Z")
            .put("team", "platform"));
    insert(
        event("retried", "usage", "2026-03-02T12:00:00Z", "2026-03-02T12:00:01Z")
            .put("team", "first-copy"));
  }

  @Test
  void aDuplicateIdCollapsesToTheFirstReceivedCopy() {
    assertEquals(
        "[{\"id\":\"deploy-7781\",\"team\":\"checkout\"}, {\"id\":\"dev-ab\",\"team\":\"search\"},"
            + " {\"id\":\"gh-9f1c\",\"team\":\"checkout\"}, {\"id\":\"retried\",\"team\":\"first-copy\"},"
            + " {\"id\":\"u-55-3\",\"team\":\"search\"}]",
        rows("SELECT id, team FROM " + events() + " FINAL ORDER BY id").toString());
    assertEquals(
        rows("SELECT id, team FROM " + events() + " FINAL ORDER BY id"),
        rows(
            "SELECT id, argMax(team, version) AS team FROM "
                + events()
                + " GROUP BY id ORDER BY id"));
  }

  @Test
  void aMergeKeepsOneRowPerId() {
    ClickHouse connection = clickhouse.connection();
    connection.execute("OPTIMIZE TABLE " + events() + " FINAL");
    assertEquals(5, rows("SELECT count() AS n FROM " + events()).get(0).get("n").asInt());
    assertEquals(
        "checkout",
        rows("SELECT team FROM " + events() + " WHERE id = " + SqlLiteral.string("gh-9f1c"))
            .get(0)
            .get("team")
            .asText());
  }

  @Test
  void queryableByEachDimension() {
    assertEquals(
        List.of("u-55-3"), ids("type = " + SqlLiteral.string("usage") + " AND run_id = 'r-55'"));
    assertEquals(List.of("dev-ab", "u-55-3"), ids("team = " + SqlLiteral.string("search")));
    assertEquals(
        List.of("deploy-7781", "gh-9f1c"), ids("service = " + SqlLiteral.string("payments")));
    assertEquals(List.of("gh-9f1c"), ids("actor = 'dev-41' AND source = 'github'"));
    assertEquals(List.of("u-55-3"), ids("feature = 'service-template' AND step = 'configure-ci'"));
    assertEquals(
        List.of("gh-9f1c", "u-55-3"),
        ids(
            "time >= "
                + SqlLiteral.dateTime(Instant.parse("2026-03-02T00:00:00Z"))
                + " AND time < "
                + SqlLiteral.dateTime(Instant.parse("2026-03-02T10:30:00Z"))));
  }

  @Test
  void queryableByAttribute() {
    assertEquals(
        List.of("deploy-7781"),
        ids("attr_values[indexOf(attr_keys, 'region')] = " + SqlLiteral.string("eu-west-1")));
    assertEquals(List.of("deploy-7781", "dev-ab"), ids("has(attr_keys, 'region')"));
    assertEquals(
        List.of("gh-9f1c"), ids("toFloat64OrZero(attr_values[indexOf(attr_keys, 'lines')]) > 100"));
  }

  @Test
  void timesKeepTheirMillisecondsInUtc() {
    JsonNode row =
        rows("SELECT time, time_ms, received_at, received_ms FROM "
                + events()
                + " FINAL WHERE id = 'u-55-3'")
            .get(0);
    assertEquals("2026-03-02 10:02:00", row.get("time").asText());
    assertEquals(250, row.get("time_ms").asInt());
    assertEquals("2026-03-02 10:02:01", row.get("received_at").asText());
  }

  @Test
  void writersCannotSetTheVersion() {
    ObjectNode row = event("x", "usage", "2026-03-02T12:00:00Z", "2026-03-02T12:00:00Z");
    row.put("version", 1);
    QueryException e = assertThrows(QueryException.class, () -> insert(row));
    assertTrue(
        e.getMessage().contains("Unknown field found while parsing JSONEachRow format: version"),
        e.getMessage());
  }

  /** The envelope's columns; fields that the table has no column for stay in the payload. */
  private static ObjectNode event(String id, String type, String time, String receivedAt) {
    Instant happened = Instant.parse(time);
    Instant received = Instant.parse(receivedAt);
    ObjectNode row = JSON.createObjectNode();
    row.put("id", id)
        .put("type", type)
        .put("time", utc(happened))
        .put("time_ms", happened.getNano() / 1_000_000)
        .put("sender", "local")
        .put("received_at", utc(received))
        .put("received_ms", received.getNano() / 1_000_000);
    return row;
  }

  private static ObjectNode attributes(Map<String, String> attributes) {
    ObjectNode node = JSON.createObjectNode();
    attributes.forEach(node::put);
    return node;
  }

  /** Turns the test's "attributes" into the two arrays, and the whole event into the payload. */
  private static void insert(ObjectNode... rows) {
    StringBuilder ndjson = new StringBuilder();
    for (ObjectNode row : rows) {
      ObjectNode copy = row.deepCopy();
      JsonNode attributes = copy.remove("attributes");
      copy.put("payload", row.toString());
      if (attributes != null) {
        List<String> keys =
            attributes.properties().stream().map(Map.Entry::getKey).sorted().toList();
        copy.set("attr_keys", JSON.valueToTree(keys));
        copy.set(
            "attr_values",
            JSON.valueToTree(keys.stream().map(k -> attributes.get(k).asText()).toList()));
      }
      ndjson.append(copy).append('\n');
    }
    clickhouse
        .connection()
        .insertJsonEachRow(
            "events", new ByteArrayInputStream(ndjson.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> ids(String condition) {
    return rows("SELECT id FROM " + events() + " FINAL WHERE " + condition + " ORDER BY id")
        .stream()
        .map(row -> row.get("id").asText())
        .collect(Collectors.toList());
  }

  private static List<JsonNode> rows(String sql) {
    return clickhouse.connection().queryRows(sql);
  }

  private static String events() {
    return clickhouse.connection().table("events");
  }

  private static String utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(DATE_TIME);
  }
}
