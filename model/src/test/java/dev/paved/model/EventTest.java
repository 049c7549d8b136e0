package dev.paved.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTest {

  private static final Instant TIME = Instant.parse("2026-03-02T09:14:00Z");
  private static final Developer JOINED = new Developer(Developer.Action.JOINED);

  private static Event withAttributes(Map<String, Object> attributes) {
    return new Event(
        "v", EventType.DEVELOPER, TIME, "search", "dev-77", null, null, attributes, JOINED);
  }

  @Test
  void theTypeMustMatchTheBody() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Event("v", EventType.CHANGE, TIME, null, null, null, null, null, JOINED));
  }

  @Test
  void attributeNumbersBecomeLongsAndDoubles() {
    Event event = withAttributes(Map.of("count", 3, "ratio", 0.5f, "small", (short) 2));
    assertEquals(Map.of("count", 3L, "ratio", 0.5, "small", 2L), event.attributes());
  }

  @Test
  void attributeValuesAreFlatAndFinite() {
    assertThrows(IllegalArgumentException.class, () -> withAttributes(Map.of("list", List.of())));
    assertThrows(IllegalArgumentException.class, () -> withAttributes(Map.of("nan", Double.NaN)));
  }

  @Test
  void noAttributesIsAnEmptyMap() {
    assertEquals(Map.of(), withAttributes(null).attributes());
  }

  @Test
  void listsAreCopied() {
    List<String> changeIds = new ArrayList<>(List.of("a"));
    Deploy deploy = new Deploy("7781", null, Deploy.Status.SUCCESS, null, changeIds, null);
    changeIds.add("b");
    assertEquals(List.of("a"), deploy.changeIds());
    assertEquals(List.of(), deploy.changes());
    assertEquals("production", deploy.environment());
  }

  @Test
  void anInvalidResultHasViolations() {
    assertThrows(IllegalArgumentException.class, () -> new Decoded.Invalid("x", List.of()));
  }
}
