package dev.paved.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClickHouseTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  @Test
  void readsTheServerVersion() {
    assertTrue(
        clickhouse.connection().serverVersion().matches("[0-9]+\\.[0-9]+\\..*"),
        clickhouse.connection().serverVersion());
    assertTrue(clickhouse.connection().ping());
  }

  @Test
  void qualifiesTableNamesWithTheDatabase() {
    ClickHouse connection = clickhouse.connection();
    assertEquals("`" + connection.database() + "`.`events`", connection.table("events"));
    assertThrows(IllegalArgumentException.class, () -> connection.table("events; DROP TABLE x"));
    assertThrows(IllegalArgumentException.class, () -> connection.table("other.events"));
  }

  @Test
  void streamsRowsAsJsonWithUnquoted64BitIntegers() {
    List<Long> numbers = new ArrayList<>();
    clickhouse
        .connection()
        .query(
            "SELECT number FROM system.numbers LIMIT 5",
            row -> numbers.add(row.get("number").asLong()));
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), numbers);

    JsonNode row =
        clickhouse
            .connection()
            .queryRows("SELECT toUInt64(18446744073709551615) AS u, toInt64(-5) AS i")
            .get(0);
    assertTrue(row.get("u").isBigInteger(), row.toString());
    assertEquals("18446744073709551615", row.get("u").asText());
    assertEquals(-5, row.get("i").asLong());
  }

  @Test
  void insertsNewlineDelimitedJson() {
    ClickHouse connection = clickhouse.connection();
    connection.execute(
        "CREATE TABLE " + connection.table("inserted") + " (k String, n UInt32) ENGINE = Memory");
    String ndjson = "{\"k\":\"a\",\"n\":1}\n{\"k\":\"b\"}\n";
    connection.insertJsonEachRow(
        "inserted", new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)));

    List<JsonNode> rows =
        connection.queryRows("SELECT k, n FROM " + connection.table("inserted") + " ORDER BY k");
    assertEquals("[{\"k\":\"a\",\"n\":1}, {\"k\":\"b\",\"n\":0}]", rows.toString());
  }

  @Test
  void aFailedStatementNamesTheSqlAndTheServersReason() {
    String sql = "SELECT no_such_column FROM system.one";
    QueryException e =
        assertThrows(QueryException.class, () -> clickhouse.connection().execute(sql));
    assertEquals(sql, e.sql());
    assertTrue(e.getMessage().contains("no_such_column"), e.getMessage());
    assertTrue(e.getMessage().contains("SQL: " + sql), e.getMessage());

    QueryException query =
        assertThrows(QueryException.class, () -> clickhouse.connection().queryRows(sql));
    assertTrue(query.getMessage().contains("Unknown identifier"), query.getMessage());
  }

  @Test
  void aQueryFailingAfterItsFirstRowsReportsTheServersError() {
    String sql =
        "SELECT number FROM system.numbers WHERE throwIf(number = 200000) = 0 LIMIT 300000";
    List<Long> seen = new ArrayList<>();
    QueryException e =
        assertThrows(
            QueryException.class,
            () -> clickhouse.connection().query(sql, row -> seen.add(row.get("number").asLong())));
    assertTrue(
        e.getMessage().contains("failed after sending some rows: Code: 395"), e.getMessage());
    assertTrue(!seen.isEmpty() && seen.size() < 200000, "rows before the error: " + seen.size());
  }

  @Test
  void aLoneExceptionRowIsTakenForAnErrorAsNewerServersSendIt() {
    QueryException e =
        assertThrows(
            QueryException.class,
            () ->
                clickhouse
                    .connection()
                    .queryRows("SELECT 'Code: 395. DB::Exception' AS exception"));
    assertTrue(e.getMessage().contains("Code: 395. DB::Exception"), e.getMessage());
  }

  @Test
  void aRejectedInsertNamesTheTable() {
    ClickHouse connection = clickhouse.connection();
    connection.execute(
        "CREATE TABLE " + connection.table("strict") + " (k String) ENGINE = Memory");
    QueryException e =
        assertThrows(
            QueryException.class,
            () ->
                connection.insertJsonEachRow(
                    "strict",
                    new ByteArrayInputStream(
                        "{\"unknown\":1}\n".getBytes(StandardCharsets.UTF_8))));
    assertTrue(e.getMessage().contains(connection.table("strict")), e.getMessage());
    assertTrue(e.getMessage().contains("unknown"), e.getMessage());
  }

  @Test
  void connectingToNoServerFailsWithTheUrl() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;
    QueryException e =
        assertThrows(QueryException.class, () -> ClickHouse.connect(clickhouse.config(), url));
    assertTrue(e.getMessage().contains(url), e.getMessage());
  }
}
