package dev.paved.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void quotesOnlyWhatNeedsItAndWritesNestedValuesAsJson() {
    ObjectNode row = JSON.createObjectNode();
    row.put("plain", "checkout");
    row.put("comma", "a,b");
    row.put("quote", "say \"hi\"");
    row.put("lines", "one\ntwo\r\n");
    row.put("number", 8123.5);
    row.put("flag", true);
    row.putNull("none");
    row.putArray("list").add("x").add("y");
    row.putObject("object").put("k", "v");
    String csv =
        Csv.write(
            List.of(
                "plain", "comma", "quote", "lines", "number", "flag", "none", "absent", "list",
                "object"),
            List.of(row));
    assertEquals(
        "plain,comma,quote,lines,number,flag,none,absent,list,object\r\n"
            + "checkout,\"a,b\",\"say \"\"hi\"\"\",\"one\ntwo\r\n\",8123.5,true,,,"
            + "\"[\"\"x\"\",\"\"y\"\"]\",\"{\"\"k\"\":\"\"v\"\"}\"\r\n",
        csv);
  }

  @Test
  void headerOnlyWhenThereAreNoRows() {
    assertEquals("period,count\r\n", Csv.write(List.of("period", "count"), List.of()));
  }

  @Test
  void ifNoneMatchUsesWeakComparison() {
    String tag = Caching.etag("body".getBytes());
    assertTrue(Caching.matches(tag, tag));
    assertTrue(Caching.matches("W/" + tag, tag));
    assertTrue(Caching.matches("\"a\" , " + tag, tag));
    assertTrue(Caching.matches("*", tag));
    assertFalse(Caching.matches("\"a\"", tag));
    assertFalse(Caching.matches(null, tag));
  }

  @Test
  void representationFollowsFormatThenAccept() {
    assertEquals(Representation.CSV, Representation.choose("csv", "application/json"));
    assertEquals(Representation.JSON, Representation.choose("json", "text/csv"));
    assertEquals(Representation.CSV, Representation.choose(null, "text/csv"));
    assertEquals(Representation.CSV, Representation.choose(null, "text/csv, application/json"));
    assertEquals(Representation.JSON, Representation.choose(null, "application/json, text/csv"));
    assertEquals(Representation.JSON, Representation.choose(null, "*/*"));
    assertEquals(Representation.JSON, Representation.choose(null, null));
  }
}
