package dev.paved.jobs.voice;

import static dev.paved.jobs.voice.VoiceEvents.deviation;
import static dev.paved.jobs.voice.VoiceEvents.ended;
import static dev.paved.jobs.voice.VoiceEvents.survey;
import static dev.paved.jobs.voice.VoiceEvents.ticket;
import static dev.paved.model.Ticket.Action.OPENED;
import static dev.paved.model.Ticket.Action.REOPENED;
import static dev.paved.model.Ticket.Action.RESOLVED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.ingest.log.LogRecord;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.jobs.PavedJobs;
import dev.paved.jobs.runtime.testing.EndToEnd;
import dev.paved.model.Event;
import dev.paved.model.Ticket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production job in backfill mode over deviations, survey answers and tickets: events in a
 * private Kafka, the job on a MiniCluster, rows read back from a private ClickHouse with {@code
 * FINAL}. Expected rows worked out by hand beside the events.
 */
@Timeout(180)
class VoiceAndDeviationsEndToEndTest {
  @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  private static final EndToEnd endToEnd = new EndToEnd(kafka, clickhouse);

  @RegisterExtension
  static final MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void backfillWritesClustersSurveyAnswersAndTickets(@TempDir Path home) throws Exception {
    String topic = "voice.events";
    String database = clickhouse.freshDatabaseName("voice");
    append(
        topic,
        // Three teams need GPU runners; data returns to the path on 03-05, so two stay.
        deviation(
            "d1",
            "2026-03-01T08:00:00Z",
            "search",
            "indexer",
            "ci",
            "platform-ci",
            "github-actions",
            "need GPU runners"),
        deviation(
            "d2",
            "2026-03-02T08:00:00Z",
            "ml",
            "trainer",
            "ci",
            "platform-ci",
            "github-actions",
            "GPU runner support"),
        deviation(
            "d3",
            "2026-03-03T08:00:00Z",
            "data",
            "etl",
            "ci",
            "platform-ci",
            "github-actions",
            "GPU runners for training"),
        ended("d5", "2026-03-05T08:00:00Z", "data", "etl", "ci", "platform-ci", "github-actions"),
        // Two teams keep legacy Jenkins plugins on deploy; a stray on the same path stays out.
        deviation(
            "d4",
            "2026-03-04T08:00:00Z",
            "web",
            "shop",
            "deploy",
            "argo-rollouts",
            "jenkins-custom",
            "legacy Jenkins plugins"),
        deviation(
            "d6",
            "2026-03-06T08:00:00Z",
            "pay",
            "billing",
            "deploy",
            "argo-rollouts",
            "jenkins-custom",
            "depends on legacy Jenkins plugins"),
        deviation(
            "d7",
            "2026-03-06T09:00:00Z",
            "risk",
            "scoring",
            "deploy",
            "argo-rollouts",
            "spinnaker",
            "inherited pipelines"),
        // Survey answers, two of them anonymous.
        survey("s1", "2026-03-02T10:00:00Z", "search", "dev-1", "nps", 9, 0, 10),
        survey("s2", "2026-03-02T10:01:00Z", "search", null, "nps", 6, 0, 10),
        survey("s3", "2026-03-02T10:02:00Z", "search", "dev-3", "nps", 10, 0, 10),
        survey("s4", "2026-03-02T10:03:00Z", "search", null, "csat", 4, 1, 5),
        // PLAT-1 resolved, reopened, resolved again; PLAT-2 open.
        ticket(
            "t1",
            "2026-03-02T09:00:00Z",
            "PLAT-1",
            OPENED,
            "search",
            "dev-1",
            "ci",
            Ticket.Kind.REQUEST),
        ticket("t2", "2026-03-02T11:00:00Z", "PLAT-1", RESOLVED, null, null, null, null),
        ticket("t3", "2026-03-03T09:00:00Z", "PLAT-1", REOPENED, null, null, null, null),
        ticket("t4", "2026-03-03T10:00:00Z", "PLAT-1", RESOLVED, null, null, null, null),
        ticket(
            "t5",
            "2026-03-04T09:00:00Z",
            "PLAT-2",
            OPENED,
            "ml",
            "dev-9",
            "deploy",
            Ticket.Kind.PROBLEM));

    PavedJobs.backfill(
        StreamExecutionEnvironment.getExecutionEnvironment(),
        endToEnd.config(home, topic, database, Map.of()),
        kafka.bootstrapServers(),
        clickhouse.httpUrl());

    ClickHouse db = clickhouse.connect(database);
    // One refresh at the end of the input: clock 03-06 09:00; 5 deviations active (d3 ended).
    List<?> refreshes =
        db.queryRows(
            "SELECT clusters, active_deviations, clock FROM "
                + db.table("deviation_refreshes")
                + " FINAL");
    assertEquals(
        "[{\"clusters\":2,\"active_deviations\":5,\"clock\":\"2026-03-06 09:00:00\"}]",
        refreshes.toString());
    // Both clusters have 2 teams and 2 deviations: ranked by id. All started within 30 days.
    String clusters =
        db.queryRows(
                "SELECT component, golden_path, replacements, deviations, teams, services,"
                    + " team_names, first_seen, growth_30d, widen_candidate FROM "
                    + db.table("deviation_clusters")
                    + " FINAL ORDER BY component")
            .toString();
    assertEquals(
        "[{\"component\":\"ci\",\"golden_path\":\"platform-ci\","
            + "\"replacements\":[\"github-actions\"],\"deviations\":2,\"teams\":2,\"services\":2,"
            + "\"team_names\":[\"ml\",\"search\"],\"first_seen\":\"2026-03-01 08:00:00\","
            + "\"growth_30d\":2,\"widen_candidate\":0}, "
            + "{\"component\":\"deploy\",\"golden_path\":\"argo-rollouts\","
            + "\"replacements\":[\"jenkins-custom\"],\"deviations\":2,\"teams\":2,\"services\":2,"
            + "\"team_names\":[\"pay\",\"web\"],\"first_seen\":\"2026-03-04 08:00:00\","
            + "\"growth_30d\":2,\"widen_candidate\":0}]",
        clusters);
    assertEquals(
        "[{\"deviation\":\"ml|trainer|ci\"}, {\"deviation\":\"pay|billing|deploy\"}, "
            + "{\"deviation\":\"search|indexer|ci\"}, {\"deviation\":\"web|shop|deploy\"}]",
        db.queryRows(
                "SELECT deviation FROM "
                    + db.table("deviation_cluster_members")
                    + " FINAL ORDER BY deviation")
            .toString());

    // Anonymous answers are kept with actor ''; csat 4 on 1-5 is 7.5 on the NPS scale.
    assertEquals(
        "[{\"question\":\"csat\",\"actor\":\"\",\"score\":4,\"nps_score\":7.5}, "
            + "{\"question\":\"nps\",\"actor\":\"dev-1\",\"score\":9,\"nps_score\":9}, "
            + "{\"question\":\"nps\",\"actor\":\"\",\"score\":6,\"nps_score\":6}, "
            + "{\"question\":\"nps\",\"actor\":\"dev-3\",\"score\":10,\"nps_score\":10}]",
        db.queryRows(
                "SELECT question, actor, score, nps_score FROM "
                    + db.table("survey_answers")
                    + " FINAL ORDER BY question, answered_at")
            .toString());

    // PLAT-1: 03-02 09:00 -> 03-03 10:00 = 90,000 s, reopened once; PLAT-2 open.
    assertEquals(
        "[{\"ticket_id\":\"PLAT-1\",\"team\":\"search\",\"feature\":\"ci\",\"kind\":\"request\","
            + "\"resolved_at\":\"2026-03-03 10:00:00\",\"resolution_seconds\":90000,\"reopens\":1}, "
            + "{\"ticket_id\":\"PLAT-2\",\"team\":\"ml\",\"feature\":\"deploy\",\"kind\":\"problem\","
            + "\"resolved_at\":null,\"resolution_seconds\":null,\"reopens\":0}]",
        db.queryRows(
                "SELECT ticket_id, team, feature, kind, resolved_at, resolution_seconds, reopens"
                    + " FROM "
                    + db.table("tickets")
                    + " FINAL ORDER BY id")
            .toString());
  }

  /** Appends as ingest does (key id, canonical JSON, its headers), received a second later. */
  private static void append(String topic, Event... events) throws Exception {
    endToEnd.append(
        topic,
        Stream.of(events)
            .map(e -> EndToEnd.record(e, "ci", e.time().plusSeconds(1).toString()))
            .toArray(LogRecord[]::new));
  }
}
