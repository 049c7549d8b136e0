package dev.paved.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.clickhouse.testing.PrivateClickHouseExtension;
import dev.paved.config.PavedConfig;
import dev.paved.config.SettingValues;
import dev.paved.ingest.synthetic.OrganisationShape;
import dev.paved.ingest.testing.PrivateKafkaExtension;
import dev.paved.jobs.PavedJobs;
import dev.paved.jobs.bench.SyntheticEventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar ({@code paved-jobs-VERSION-job.jar}) submitted with {@code flink run} to a real
 * standalone Flink cluster (JobManager and TaskManager as two processes, from {@code
 * jobs/cluster/standalone-cluster.sh}) computes exactly what {@link PavedJobs#backfill} computes on
 * a local MiniCluster: every row of every Paved table, every column.
 *
 * <p>Runs under failsafe in {@code mvn -pl jobs verify}, after {@code package} has built the job
 * jar ({@code paved.job.jar}); under surefire it is disabled.
 */
@Timeout(600)
@EnabledIfSystemProperty(named = "paved.job.jar", matches = ".+")
class StandaloneClusterTest {
  @RegisterExtension static final PrivateKafkaExtension kafka = new PrivateKafkaExtension();

  @RegisterExtension
  static final PrivateClickHouseExtension clickhouse = new PrivateClickHouseExtension();

  @Test
  void theJobJarOnAStandaloneClusterWritesWhatTheMiniClusterWrites(@TempDir Path home)
      throws Exception {
    Path jar = Path.of(System.getProperty("paved.job.jar"));
    assertTrue(Files.isRegularFile(jar), "no job jar " + jar + ": run mvn -pl jobs verify");
    String topic = "cluster.events";
    SyntheticEventLog.Appended appended =
        SyntheticEventLog.append(
            kafka.bootstrapServers(),
            kafka.kafkaConfig(topic),
            OrganisationShape.tiny(),
            42,
            Long.MAX_VALUE,
            null);
    System.out.printf("appended %,d synthetic events%n", appended.events());

    String onMiniCluster = clickhouse.freshDatabaseName("minicluster");
    PavedJobs.backfill(
        PavedConfig.from(SettingValues.of(environment(home, topic, onMiniCluster), Map.of())),
        kafka.bootstrapServers(),
        clickhouse.httpUrl());

    String onCluster = clickhouse.freshDatabaseName("standalone");
    try (StandaloneCluster cluster = StandaloneCluster.start(home.resolve("flink"))) {
      cluster.submit(jar, environment(home, topic, onCluster), Duration.ofMinutes(5), "backfill");
    }

    System.out.println(
        "rows per table: "
            + PavedTables.assertSameRows(
                clickhouse.connect(onMiniCluster), clickhouse.connect(onCluster)));
  }

  /** The environment the job's main() reads on the cluster, as a user would export it. */
  private static Map<String, String> environment(Path home, String topic, String database) {
    Map<String, String> environment = new HashMap<>();
    environment.put("PAVED_HOME", home.toString());
    environment.put("PAVED_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    environment.put("PAVED_KAFKA_TOPIC", topic);
    environment.put("PAVED_CLICKHOUSE_URL", clickhouse.httpUrl());
    environment.put("PAVED_CLICKHOUSE_DATABASE", database);
    return environment;
  }
}
