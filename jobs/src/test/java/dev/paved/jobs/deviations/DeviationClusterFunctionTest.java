package dev.paved.jobs.deviations;

import static dev.paved.jobs.voice.VoiceEvents.deviation;
import static dev.paved.jobs.voice.VoiceEvents.ended;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.testing.TestEvents;
import dev.paved.model.Event;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The clustering operator driven by hand: processing-time refreshes, a deviation that ends and
 * leaves its cluster, ids kept across refreshes, the end-of-input refresh, and state and timers
 * gone once every deviation has left the window.
 */
@Timeout(30)
class DeviationClusterFunctionTest {
  static final long INTERVAL = DeviationSettings.DEFAULTS.refreshInterval().toMillis();

  static final Event GPU_SEARCH =
      deviation(
          "d1",
          "2026-03-01T08:00:00Z",
          "search",
          "indexer",
          "ci",
          "platform-ci",
          "github-actions",
          "need GPU runners");
  static final Event GPU_ML =
      deviation(
          "d2",
          "2026-03-02T08:00:00Z",
          "ml",
          "trainer",
          "ci",
          "platform-ci",
          "github-actions",
          "GPU runner support");
  static final Event GPU_DATA =
      deviation(
          "d3",
          "2026-03-03T08:00:00Z",
          "data",
          "etl",
          "ci",
          "platform-ci",
          "github-actions",
          "GPU runners for training");
  static final Event JENKINS =
      deviation(
          "d4",
          "2026-03-04T08:00:00Z",
          "web",
          "shop",
          "ci",
          "platform-ci",
          "github-actions",
          "legacy Jenkins plugins");
  static final Event DATA_ENDS =
      ended("d5", "2026-03-05T08:00:00Z", "data", "etl", "ci", "platform-ci", "github-actions");

  static KeyedOneInputStreamOperatorTestHarness<String, LoggedEvent, DeviationClusterRow> harness()
      throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DeviationClusterFunction(DeviationSettings.DEFAULTS)),
            event -> DeviationClusterFunction.KEY,
            Types.STRING);
    harness.open();
    return harness;
  }

  static void process(
      KeyedOneInputStreamOperatorTestHarness<String, LoggedEvent, DeviationClusterRow> harness,
      Event... events)
      throws Exception {
    for (Event event : events) {
      LoggedEvent logged = TestEvents.logged(event);
      harness.processElement(logged, logged.timeMillis());
    }
  }

  /** Cluster id → members (deviation identities) of the refresh {@code refresh}. */
  static Map<String, List<String>> members(
      KeyedOneInputStreamOperatorTestHarness<String, LoggedEvent, DeviationClusterRow> harness,
      long refresh) {
    return harness.getSideOutput(DeviationClusterFunction.MEMBERS).stream()
        .map(StreamRecord::getValue)
        .filter(row -> row.refresh() == refresh)
        .collect(
            Collectors.groupingBy(
                DeviationMemberRow::clusterId,
                TreeMap::new,
                Collectors.mapping(DeviationMemberRow::deviation, Collectors.toList())));
  }

  static List<DeviationRefreshRow> refreshes(
      KeyedOneInputStreamOperatorTestHarness<String, LoggedEvent, DeviationClusterRow> harness) {
    return harness.getSideOutput(DeviationClusterFunction.REFRESHES).stream()
        .map(StreamRecord::getValue)
        .toList();
  }

  @Test
  void refreshesOnProcessingTimeKeepIdsAndDropWhatEnded() throws Exception {
    try (var harness = harness()) {
      process(harness, GPU_SEARCH, GPU_ML, GPU_DATA, JENKINS);
      assertEquals(List.of(), harness.extractOutputValues(), "nothing before the refresh");
      harness.setProcessingTime(INTERVAL);
      // The refresh number is the wall clock of the refresh: 1 min = 60,000 ms here.
      assertEquals(1, refreshes(harness).size());
      DeviationRefreshRow first = refreshes(harness).get(0);
      assertEquals(INTERVAL, first.refresh());
      assertEquals(1, first.clusters());
      assertEquals(4, first.activeDeviations());
      Map<String, List<String>> before = members(harness, INTERVAL);
      String id = before.keySet().iterator().next();
      assertEquals(List.of("data|etl|ci", "ml|trainer|ci", "search|indexer|ci"), before.get(id));
      DeviationClusterRow row = harness.extractOutputValues().get(0);
      assertEquals(3, row.teams());
      assertEquals(1, row.widenCandidate());
      // Shown as written most often: "runners" twice, "runner" once.
      assertEquals(List.of("gpu", "runners", "training"), row.terms());

      // Nothing changed: the next interval writes nothing.
      harness.setProcessingTime(2 * INTERVAL);
      assertEquals(1, refreshes(harness).size());

      // data returns to the path: it leaves the cluster, whose id stays (Jaccard 2/3).
      process(harness, DATA_ENDS);
      harness.setProcessingTime(3 * INTERVAL);
      assertEquals(2, refreshes(harness).size());
      assertEquals(
          Map.of(id, List.of("ml|trainer|ci", "search|indexer|ci")),
          members(harness, 3 * INTERVAL));
      DeviationClusterRow after = harness.extractOutputValues().get(1);
      assertEquals(2, after.teams());
      assertEquals(0, after.widenCandidate());
    }
  }

  @Test
  void endedDeviationsAreForgottenOnceTheyLeftTheWindow() throws Exception {
    try (var harness = harness()) {
      process(harness, GPU_SEARCH, GPU_ML);
      harness.setProcessingTime(INTERVAL);
      assertEquals(1, refreshes(harness).get(0).clusters());
      // Both end: the next refresh has no cluster, so none is served any more.
      process(
          harness,
          ended("e1", "2026-03-10T00:00:00Z", "search", "indexer", "ci", "platform-ci", "x"),
          ended("e2", "2026-03-11T00:00:00Z", "ml", "trainer", "ci", "platform-ci", "x"));
      harness.setProcessingTime(2 * INTERVAL);
      DeviationRefreshRow empty = refreshes(harness).get(1);
      assertEquals(0, empty.clusters());
      assertEquals(0, empty.activeDeviations());
      // Nothing pending: no refresh timer, only the end-of-input one.
      assertEquals(0, harness.numProcessingTimeTimers());
      assertEquals(1, harness.numEventTimeTimers());
      int withEnded = harness.numKeyedStateEntries();

      // The ended records stay 90 days of deviation time (a late "started" must still find its
      // end): a deviation 91 days after the later end moves the clock past both.
      process(
          harness,
          deviation(
              "d9",
              "2026-06-10T00:00:00Z",
              "late",
              "api",
              "ci",
              "platform-ci",
              "github-actions",
              "need GPU runners"));
      harness.setProcessingTime(3 * INTERVAL);
      assertEquals(1, refreshes(harness).get(2).activeDeviations());
      // One key, two states (the deviations by identity, the memory): the ended ones are pruned
      // from the map (DeviationLogTest), the late one added.
      assertEquals(withEnded, harness.numKeyedStateEntries());
      assertEquals(0, harness.numProcessingTimeTimers());
      assertEquals(1, harness.numEventTimeTimers());
    }
  }

  @Test
  void theEndOfABackfillGivesTheMembershipStreamingEndsWith() throws Exception {
    Map<String, List<String>> streamed;
    try (var harness = harness()) {
      process(harness, GPU_SEARCH, GPU_ML);
      harness.setProcessingTime(INTERVAL);
      process(harness, GPU_DATA, JENKINS);
      harness.setProcessingTime(2 * INTERVAL);
      process(harness, DATA_ENDS);
      harness.setProcessingTime(3 * INTERVAL);
      List<DeviationRefreshRow> rows = refreshes(harness);
      streamed = members(harness, rows.get(rows.size() - 1).refresh());
    }
    try (var harness = harness()) {
      process(harness, GPU_SEARCH, GPU_ML, GPU_DATA, JENKINS, DATA_ENDS);
      harness.processWatermark(Long.MAX_VALUE);
      List<DeviationRefreshRow> rows = refreshes(harness);
      assertEquals(1, rows.size(), "one refresh, at the end of the input");
      assertEquals(
          streamed.values().stream().toList(),
          members(harness, rows.get(0).refresh()).values().stream().toList());
    }
  }
}
