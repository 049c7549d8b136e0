package dev.paved.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every literal is checked by asking a real server what it read. */
class SqlLiteralTest {
  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  static Stream<String> hostileStrings() {
    return Stream.of(
        "",
        "plain",
        "' OR 1=1 --",
        "'; DROP TABLE x; --",
        "\\'; SELECT 1; --",
        "'",
        "''",
        "\\",
        "\\\\",
        "ends with backslash\\",
        "\\'",
        "\\x41 \\0 \\n written out",
        "line1\nline2\r\nline3\ttab",
        "nul\0inside",
        "\0",
        "\u0001\u0007\b\u000b\f\u001b\u001f\u007f",
        "unicode: é ü ß 中文 Ελληνικά 😀 \u00a0 \u2028 \ufeff",
        "\"double\" `back` /* block */ -- line",
        "${database} {team:String} ? :name %s",
        "x".repeat(10_000));
  }

  @ParameterizedTest
  @MethodSource("hostileStrings")
  void stringReadsBackExactly(String value) {
    JsonNode row = selectOne(SqlLiteral.string(value) + " AS v, length(v) AS bytes");
    assertEquals(value, row.get("v").asText());
    assertEquals(value.getBytes(StandardCharsets.UTF_8).length, row.get("bytes").asInt());
  }

  @Test
  void stringEscapesControlCharactersVisibly() {
    assertEquals("'a\\x00b\\x0Ac\\'d\\\\'", SqlLiteral.string("a\0b\nc'd\\"));
  }

  @Test
  void stringRejectsUnpairedSurrogatesAndNull() {
    assertThrows(IllegalArgumentException.class, () -> SqlLiteral.string("a\ud800b"));
    assertThrows(IllegalArgumentException.class, () -> SqlLiteral.string("\udc00"));
    assertThrows(IllegalArgumentException.class, () -> SqlLiteral.string("end\ud83d"));
    assertThrows(NullPointerException.class, () -> SqlLiteral.string(null));
  }

  @Test
  void stringArrayReadsBackExactly() {
    List<String> values = hostileStrings().limit(19).toList();
    JsonNode row = selectOne(SqlLiteral.stringArray(values) + " AS v");
    List<String> read = new ArrayList<>();
    row.get("v").forEach(node -> read.add(node.asText()));
    assertEquals(values, read);
  }

  @Test
  void emptyStringArrayIsTypedSoFunctionsAcceptIt() {
    JsonNode row =
        selectOne(
            "has("
                + SqlLiteral.stringArray(List.of())
                + ", 'x') AS h, toTypeName("
                + SqlLiteral.stringArray(List.of())
                + ") AS t");
    assertEquals(0, row.get("h").asInt());
    assertEquals("Array(String)", row.get("t").asText());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, -1, 42, -42, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1})
  void integerReadsBackExactly(long value) {
    JsonNode row = selectOne(SqlLiteral.integer(value) + " AS v");
    assertEquals(value, row.get("v").asLong());
    assertEquals(String.valueOf(value), row.get("v").asText());
  }

  @Test
  void negativeNumbersCannotTurnIntoComments() {
    assertEquals(11, selectOne("10 -" + SqlLiteral.integer(-1) + " AS d").get("d").asInt());
    assertEquals(12.5, selectOne("10 -" + SqlLiteral.decimal(-2.5) + " AS d").get("d").asDouble());
  }

  @ParameterizedTest
  @ValueSource(
      doubles = {
        0.0,
        0.1,
        -2.5,
        0.30000000000000004,
        1e-7,
        123456.789,
        1e23,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        Double.MIN_NORMAL
      })
  void decimalReadsBackExactly(double value) {
    JsonNode row = selectOne(SqlLiteral.decimal(value) + " AS v");
    assertEquals(value, row.get("v").asDouble());
  }

  @Test
  void decimalWritesNegativeZeroAsZero() {
    assertEquals("0.0", SqlLiteral.decimal(-0.0));
  }

  @Test
  void decimalRejectsWhatClickHouseCannotRead() {
    assertThrows(IllegalArgumentException.class, () -> SqlLiteral.decimal(Double.NaN));
    assertThrows(
        IllegalArgumentException.class, () -> SqlLiteral.decimal(Double.POSITIVE_INFINITY));
    assertThrows(
        IllegalArgumentException.class, () -> SqlLiteral.decimal(Double.NEGATIVE_INFINITY));
    // Subnormal: 18.16 reports a syntax error.
    assertThrows(IllegalArgumentException.class, () -> SqlLiteral.decimal(Double.MIN_VALUE));
  }

  @Test
  void dateTimeReadsBackInUtc() {
    Instant time = Instant.parse("2026-03-01T14:03:22.999Z");
    JsonNode row =
        selectOne(
            "toUnixTimestamp("
                + SqlLiteral.dateTime(time)
                + ") AS epoch, toString("
                + SqlLiteral.dateTime(time)
                + ", 'UTC') AS text");
    assertEquals("toDateTime('2026-03-01 14:03:22', 'UTC')", SqlLiteral.dateTime(time));
    assertEquals(time.getEpochSecond(), row.get("epoch").asLong());
    assertEquals("2026-03-01 14:03:22", row.get("text").asText());
  }

  @Test
  void dateTimeAcceptsTheWholeRangeOfDateTime() {
    Instant last = Instant.parse("2105-12-31T23:59:59Z");
    assertEquals(
        0,
        selectOne("toUnixTimestamp(" + SqlLiteral.dateTime(Instant.EPOCH) + ") AS e")
            .get("e")
            .asLong());
    assertEquals(
        last.getEpochSecond(),
        selectOne("toUnixTimestamp(" + SqlLiteral.dateTime(last) + ") AS e").get("e").asLong());
    assertThrows(
        IllegalArgumentException.class,
        () -> SqlLiteral.dateTime(Instant.parse("1969-12-31T23:59:59Z")));
    assertThrows(
        IllegalArgumentException.class,
        () -> SqlLiteral.dateTime(Instant.parse("2106-01-01T00:00:00Z")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"events", "_x1", "Team_2", "from"})
  void identifierQuotesPlainNames(String name) {
    assertEquals("`" + name + "`", SqlLiteral.identifier(name));
    assertEquals(1, selectOne("1 AS " + SqlLiteral.identifier(name)).get(name).asInt());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1abc",
        "a-b",
        "a b",
        "a`b",
        "a.b",
        "événement",
        "x;DROP TABLE y",
        "a\nb",
        "`x`"
      })
  void identifierRejectsEverythingElse(String name) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SqlLiteral.identifier(name));
    assertEquals(
        "not a plain identifier ([A-Za-z_][A-Za-z0-9_]*): \"" + name + "\"", e.getMessage());
  }

  private static JsonNode selectOne(String expressions) {
    List<JsonNode> rows = clickhouse.connection().queryRows("SELECT " + expressions);
    assertEquals(1, rows.size());
    return rows.get(0);
  }
}
