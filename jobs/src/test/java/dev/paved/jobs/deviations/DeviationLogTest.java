package dev.paved.jobs.deviations;

import static dev.paved.jobs.voice.VoiceEvents.deviation;
import static dev.paved.jobs.voice.VoiceEvents.ended;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.model.Event;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviationLogTest {
  static final DeviationLog LOG = new DeviationLog(DeviationSettings.DEFAULTS);

  static Event started(String id, String time, String reason) {
    return deviation(id, time, "search", "indexer", "ci", "platform-ci", "github-actions", reason);
  }

  static Event end(String id, String time) {
    return ended(id, time, "search", "indexer", "ci", "platform-ci", "github-actions");
  }

  static DeviationRecord replay(List<Event> events) {
    DeviationRecord record = new DeviationRecord();
    events.forEach(event -> LOG.absorb(record, event));
    return record;
  }

  @Test
  void activeFromTheFirstStartAfterTheLatestEndWithTheLatestReason() {
    DeviationRecord record =
        replay(
            List.of(
                started("a", "2026-01-01T00:00:00Z", "old reason"),
                end("b", "2026-01-10T00:00:00Z"),
                started("c", "2026-02-01T00:00:00Z", "need GPU runners"),
                started("d", "2026-02-15T00:00:00Z", "still need GPU runners")));
    ActiveDeviation active =
        LOG.active(record, Instant.parse("2026-03-01T00:00:00Z")).orElseThrow();
    assertEquals("search|indexer|ci", active.identity());
    assertEquals(Instant.parse("2026-02-01T00:00:00Z"), active.since());
    assertEquals("still need GPU runners", active.reason());
  }

  @Test
  void anEndArrivingBeforeItsStartStillEndsIt() {
    DeviationRecord record =
        replay(
            List.of(end("b", "2026-01-10T00:00:00Z"), started("a", "2026-01-01T00:00:00Z", "x")));
    assertEquals(Optional.empty(), LOG.active(record, Instant.parse("2026-01-11T00:00:00Z")));
  }

  @Test
  void staleAfterNinetyDaysAndPrunedOnceNothingIsInTheWindow() {
    DeviationRecord record = replay(List.of(started("a", "2026-01-01T00:00:00Z", "x")));
    // 2026-01-01 + 90 days = 2026-04-01.
    assertTrue(LOG.active(record, Instant.parse("2026-04-01T00:00:00Z")).isPresent());
    assertFalse(LOG.prune(record, Instant.parse("2026-04-01T00:00:00Z")));
    assertEquals(Optional.empty(), LOG.active(record, Instant.parse("2026-04-01T00:00:00.001Z")));
    assertTrue(LOG.prune(record, Instant.parse("2026-04-01T00:00:00.001Z")));
  }
}
