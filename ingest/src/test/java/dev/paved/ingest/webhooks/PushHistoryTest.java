package dev.paved.ingest.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded push history: what a deploy walk finds, and what it loses past the bound. */
class PushHistoryTest {
  private static final Instant T = Instant.parse("2026-11-02T09:00:00Z");

  private static List<Instant> times(int n) {
    return Collections.nCopies(n, T);
  }

  @Test
  void beyondItsBoundTheOldestCommitsAreForgottenAndAWalkStopsAtThem() {
    PushHistory history = new PushHistory(3);
    history.pushed("r", "refs/heads/main", null, List.of("c1", "c2", "c3", "c4", "c5"), times(5));

    PushHistory.Shipped shipped = history.deployed("r", "svc\nproduction", "c5", "d1", T, true);
    // c1 and c2 were evicted; c3's parent c2 is still named, as the link is c3's.
    assertEquals(List.of("c5", "c4", "c3", "c2"), shipped.shas());
    assertTrue(shipped.deployedShaKnown());
    assertFalse(shipped.reachedLimit());
  }

  @Test
  void environmentsAndServicesShipSeparately() {
    PushHistory history = new PushHistory(100);
    history.pushed("r", "refs/heads/main", null, List.of("c1", "c2"), times(2));
    assertEquals(
        List.of("c2", "c1"), history.deployed("r", "svc\nstaging", "c2", "d1", T, true).shas());
    assertEquals(
        List.of("c2", "c1"),
        history.deployed("r", "svc\nproduction", "c2", "d2", T.plusSeconds(60), true).shas());
    assertEquals(
        List.of(),
        history.deployed("r", "svc\nproduction", "c2", "d3", T.plusSeconds(120), true).shas(),
        "a redeploy of a shipped sha ships nothing new");
  }

  @Test
  void theFirstKnownParentOfACommitStays() {
    PushHistory history = new PushHistory(100);
    history.pushed("r", "refs/heads/feature", null, List.of("f1"), times(1));
    history.pushed("r", "refs/heads/main", "m0", List.of("f1"), times(1));
    history.pushed("r", "refs/heads/other", "x9", List.of("f1"), times(1));
    assertEquals(
        List.of("f1", "m0"), history.deployed("r", "svc\nproduction", "f1", "d", T, true).shas());
    assertEquals(List.of("f1"), history.branchCommits("r", "refs/heads/feature", "f1"));
    assertEquals(List.of(), history.branchCommits("r", "refs/heads/main", "f1"));
  }
}
