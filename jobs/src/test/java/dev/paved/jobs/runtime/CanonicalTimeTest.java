package dev.paved.jobs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast timestamp paths against the JDK's own, on many instants. */
class CanonicalTimeTest {

  @Test
  void readsWhatInstantParseReads() {
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      long millis = random.nextLong(0, 4_102_444_800_000L); // 1970 to 2100
      Instant instant = Instant.ofEpochMilli(millis).plusNanos(random.nextInt(1_000_000));
      for (String text :
          new String[] {instant.toString(), Instant.ofEpochSecond(millis / 1000).toString()}) {
        assertEquals(Instant.parse(text).toEpochMilli(), CanonicalTime.parseMillis(text), text);
      }
    }
  }

  @Test
  void otherFormsGoToTheJdk() {
    for (String text :
        new String[] {
          "2026-03-02T10:00:00+01:00",
          "2026-03-02T10:00:00.5-05:30",
          "2026-03-02T23:59:60Z",
          "2026-03-02T24:00:00Z",
          "2026-03-02T10:00:00.Z",
          "1969-12-31T23:59:59.999Z",
          "2024-02-29T12:00:00Z",
          "2026-03-02T10:00:00.123456789Z"
        }) {
      assertEquals(Instant.parse(text).toEpochMilli(), CanonicalTime.parseMillis(text), text);
    }
  }

  @Test
  void whatIsNoInstantFails() {
    for (String text :
        new String[] {
          "2026-02-29T10:00:00Z",
          "2026-13-02T10:00:00Z",
          "2026-03-02T10:0a:00Z",
          "2026-03-02 10:00:00Z",
          "yesterday"
        }) {
      assertThrows(DateTimeParseException.class, () -> CanonicalTime.parseMillis(text), text);
    }
  }

  @Test
  void dateTimesAreWhatTheJdkFormats() {
    DateTimeFormatter format = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    Random random = new Random(11);
    for (int i = 0; i < 100_000; i++) {
      long millis = random.nextLong(-100_000_000_000L, 4_102_444_800_000L);
      assertEquals(
          format.format(
              LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC)),
          ClickHouseValues.dateTime(millis));
      assertEquals(Math.floorMod(millis, 1000), ClickHouseValues.millisOf(millis));
    }
    assertEquals("1970-01-01 00:00:00", ClickHouseValues.dateTime(0));
  }
}
