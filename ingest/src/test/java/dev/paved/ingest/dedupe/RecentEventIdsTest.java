package dev.paved.ingest.dedupe;

import static dev.paved.ingest.dedupe.RecentEventIds.Status.DUPLICATE;
import static dev.paved.ingest.dedupe.RecentEventIds.Status.FRESH;
import static dev.paved.ingest.dedupe.RecentEventIds.Status.IN_FLIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecentEventIdsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration WEEK = Duration.ofDays(7);

  @Test
  void anIdIsFreshOnceAndADuplicateAfterItsClaimWasCommitted() {
    RecentEventIds ids = new RecentEventIds(WEEK, 1_000);
    RecentEventIds.Claims first = ids.claim(List.of("a", "b", "a"), T0);
    assertEquals(List.of(FRESH, FRESH, DUPLICATE), statuses(first, 3));
    assertEquals(2, first.freshCount());
    first.commit();

    RecentEventIds.Claims second = ids.claim(List.of("b", "c"), T0.plus(Duration.ofDays(6)));
    assertEquals(List.of(DUPLICATE, FRESH), statuses(second, 2));
    assertTrue(second.inFlight().join(), "nothing to wait for");
  }

  @Test
  void aReleasedClaimIsForgottenSoTheRetryIsFresh() {
    RecentEventIds ids = new RecentEventIds(WEEK, 1_000);
    RecentEventIds.Claims failed = ids.claim(List.of("a", "b"), T0);
    failed.release();
    assertEquals(0, ids.size());
    assertEquals(0, ids.pendingCount());
    assertEquals(List.of(FRESH, FRESH), statuses(ids.claim(List.of("a", "b"), T0), 2));
  }

  @Test
  void anIdBeingStoredByAnotherRequestIsInFlightUntilThatRequestSettles() {
    RecentEventIds ids = new RecentEventIds(WEEK, 1_000);
    RecentEventIds.Claims owner = ids.claim(List.of("a"), T0);
    RecentEventIds.Claims other = ids.claim(List.of("a", "b"), T0);
    assertEquals(List.of(IN_FLIGHT, FRESH), statuses(other, 2));
    CompletableFuture<Boolean> outcome = other.inFlight();
    assertFalse(outcome.isDone());
    owner.commit();
    assertTrue(outcome.join(), "stored by its owner: a duplicate");

    RecentEventIds.Claims failing = ids.claim(List.of("c"), T0);
    RecentEventIds.Claims waiting = ids.claim(List.of("c"), T0);
    assertEquals(IN_FLIGHT, waiting.status(0));
    failing.release();
    assertFalse(waiting.inFlight().join(), "its owner failed: not stored");
    assertTrue(ids.claim("c", T0), "and the id is free again");
  }

  @Test
  void idsAreForgottenAfterTheWindow() {
    RecentEventIds ids = new RecentEventIds(WEEK, 1_000);
    ids.claim(List.of("a"), T0).commit();
    ids.claim(List.of("b"), T0.plus(Duration.ofDays(3))).commit();
    assertFalse(ids.claim("a", T0.plus(Duration.ofDays(7))), "still within the window");
    Instant later = T0.plus(WEEK).plus(Duration.ofHours(2));
    assertTrue(ids.claim("a", later), "forgotten after the window and one slice");
    assertEquals(DUPLICATE, ids.claim(List.of("b"), later).status(0));
  }

  @Test
  void memoryStaysBoundedByMaxIdsEvenWhenEveryIdArrivesAtOnce() {
    RecentEventIds ids = new RecentEventIds(WEEK, 1_000);
    for (int batch = 0; batch < 100; batch++) {
      List<String> batchIds =
          IntStream.range(0, 100).mapToObj(i -> "id-" + i + "-" + Math.random()).toList();
      ids.claim(batchIds, T0).commit();
      assertTrue(ids.size() <= 1_000, "size " + ids.size());
    }
    assertTrue(ids.size() > 900, "the newest ids are kept: " + ids.size());
  }

  @Test
  void refusesAnEmptyWindowOrBound() {
    assertThrows(IllegalArgumentException.class, () -> new RecentEventIds(Duration.ZERO, 10));
    assertThrows(IllegalArgumentException.class, () -> new RecentEventIds(WEEK, 0));
  }

  private static List<RecentEventIds.Status> statuses(RecentEventIds.Claims claims, int count) {
    return IntStream.range(0, count).mapToObj(claims::status).toList();
  }
}
