package dev.paved.jobs;

import dev.paved.clickhouse.ClickHouse;
import dev.paved.clickhouse.Migrations;
import dev.paved.config.ConfigException;
import dev.paved.config.JobsConfig;
import dev.paved.config.PavedConfig;
import dev.paved.config.Settings;
import dev.paved.jobs.delivery.ChangeLeadTimeRow;
import dev.paved.jobs.delivery.DeliveryPipeline;
import dev.paved.jobs.delivery.DeliverySettings;
import dev.paved.jobs.delivery.DeployRow;
import dev.paved.jobs.delivery.IncidentRow;
import dev.paved.jobs.deviations.DeviationClusterRow;
import dev.paved.jobs.deviations.DeviationMemberRow;
import dev.paved.jobs.deviations.DeviationRefreshRow;
import dev.paved.jobs.deviations.DeviationSettings;
import dev.paved.jobs.deviations.DeviationsPipeline;
import dev.paved.jobs.onboarding.BootstrapRow;
import dev.paved.jobs.onboarding.MilestoneRow;
import dev.paved.jobs.onboarding.OnboardingPipeline;
import dev.paved.jobs.raw.EventRow;
import dev.paved.jobs.raw.RawEventsPipeline;
import dev.paved.jobs.runtime.Checkpoints;
import dev.paved.jobs.runtime.ClickHouseTarget;
import dev.paved.jobs.runtime.DedupeById;
import dev.paved.jobs.runtime.EventDecodeCheck;
import dev.paved.jobs.runtime.EventLogSource;
import dev.paved.jobs.runtime.EventTimeWatermarks;
import dev.paved.jobs.runtime.FreshTables;
import dev.paved.jobs.runtime.JobMode;
import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.Pipeline;
import dev.paved.jobs.runtime.SinkSettings;
import dev.paved.jobs.runtime.Tables;
import dev.paved.jobs.voice.SurveyRow;
import dev.paved.jobs.voice.TicketRow;
import dev.paved.jobs.voice.VoicePipeline;
import dev.paved.jobs.workflows.AttemptRow;
import dev.paved.jobs.workflows.FeatureUse;
import dev.paved.jobs.workflows.FollowUpRow;
import dev.paved.jobs.workflows.StepRow;
import dev.paved.jobs.workflows.WorkflowSettings;
import dev.paved.jobs.workflows.WorkflowsPipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Flink job of Paved: the event log, read once, fanned out to every pipeline.
 *
 * <pre>
 * Kafka (event topic) → event-time watermarks → dedupe by id → decode check
 *     → RawEventsPipeline → ClickHouse events
 *     → (delivery, onboarding, ... pipelines) → their ClickHouse tables
 * </pre>
 *
 * <p>Built from its source and pipelines (which hold their sinks), so tests wire bounded sources
 * and collecting sinks; {@link #build} wires the production ones. Run it with {@link #start}
 * (streaming, on a local MiniCluster in this JVM, as {@code ./paved jobs} does), {@link #backfill}
 * (bounded: everything in the log, then it finishes), or {@link #main} (submitted to a Flink
 * cluster).
 */
public final class PavedJobs {
  public static final String JOB_NAME = "paved-jobs";
  private static final Logger LOG = LoggerFactory.getLogger(PavedJobs.class);
  private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(30);

  private final Source<LoggedEvent, ?, ?> source;
  private final JobsConfig config;
  private final List<Pipeline> pipelines;

  public PavedJobs(Source<LoggedEvent, ?, ?> source, JobsConfig config, List<Pipeline> pipelines) {
    this.source = source;
    this.config = config;
    this.pipelines = List.copyOf(pipelines);
  }

  /**
   * Every pipeline of Paved, writing into {@code tables}. A new pipeline is one more line here: it
   * takes its sinks from {@code tables} and its settings from {@code config}.
   */
  public static List<Pipeline> pipelines(PavedConfig config, Tables tables) {
    // The API filters by the same production set, so the jobs' production flag and it agree.
    DeliverySettings delivery =
        DeliverySettings.DEFAULTS.withProductionEnvironments(config.api().productionEnvironments());
    return List.of(
        new RawEventsPipeline(tables.sink(EventRow.TABLE, EventRow.class)),
        new DeliveryPipeline(
            delivery,
            tables.sink(ChangeLeadTimeRow.TABLE, ChangeLeadTimeRow.class),
            tables.sink(DeployRow.TABLE, DeployRow.class),
            tables.sink(IncidentRow.TABLE, IncidentRow.class)),
        new OnboardingPipeline(
            delivery,
            tables.sink(MilestoneRow.TABLE, MilestoneRow.class),
            tables.sink(BootstrapRow.TABLE, BootstrapRow.class)),
        new WorkflowsPipeline(
            WorkflowSettings.DEFAULTS.withInactivity(config.jobs().workflowInactivity()),
            tables.sink(AttemptRow.TABLE, AttemptRow.class),
            tables.sink(StepRow.TABLE, StepRow.class),
            tables.sink(FollowUpRow.TABLE, FollowUpRow.class),
            tables.sink(FeatureUse.TABLE, FeatureUse.class)),
        new DeviationsPipeline(
            DeviationSettings.DEFAULTS.withRefreshInterval(
                config.jobs().deviationRefreshInterval()),
            tables.sink(DeviationClusterRow.TABLE, DeviationClusterRow.class),
            tables.sink(DeviationMemberRow.TABLE, DeviationMemberRow.class),
            tables.sink(DeviationRefreshRow.TABLE, DeviationRefreshRow.class)),
        new VoicePipeline(
            tables.sink(SurveyRow.TABLE, SurveyRow.class),
            tables.sink(TicketRow.TABLE, TicketRow.class)));
  }

  /**
   * Adds the job to {@code env}: the source with event-time watermarks, the dedupe, the decode
   * check, then every pipeline on the stream that comes out of them.
   *
   * @return that shared stream of unique, decoded events
   */
  public DataStream<LoggedEvent> attachTo(StreamExecutionEnvironment env) {
    DataStream<LoggedEvent> logged =
        env.fromSource(
                source,
                EventTimeWatermarks.strategy(config.outOfOrderness(), config.idleTimeout()),
                "event log")
            .uid("event-log");
    DataStream<LoggedEvent> events =
        DedupeById.apply(logged, config.dedupeHorizon())
            .filter(new EventDecodeCheck())
            .uid("decode-check")
            .name("decode check");
    for (Pipeline pipeline : pipelines) {
      pipeline.attach(events);
    }
    return events;
  }

  /**
   * Adds the production job to {@code env}: the event topic at {@code bootstrapServers}, every
   * pipeline writing to ClickHouse at {@code clickhouseUrl}, and the Flink settings of {@code mode}
   * ({@link #flinkConfiguration}).
   */
  public static void build(
      StreamExecutionEnvironment env,
      PavedConfig config,
      String bootstrapServers,
      String clickhouseUrl,
      JobMode mode) {
    build(env, config, bootstrapServers, mode, tables(config, clickhouseUrl));
  }

  private static void build(
      StreamExecutionEnvironment env,
      PavedConfig config,
      String bootstrapServers,
      JobMode mode,
      Tables tables) {
    JobsConfig jobs = config.jobs();
    env.configure(flinkConfiguration(jobs, mode));
    env.setParallelism(jobs.parallelism());
    Source<LoggedEvent, ?, ?> source =
        EventLogSource.create(bootstrapServers, config.kafka().topic(), jobs.consumerGroup(), mode);
    new PavedJobs(source, jobs, pipelines(config, tables)).attachTo(env);
  }

  private static Tables tables(PavedConfig config, String clickhouseUrl) {
    return Tables.clickHouse(
        ClickHouseTarget.of(config.clickhouse(), clickhouseUrl), SinkSettings.of(config.jobs()));
  }

  /**
   * Flink's settings for the job. Streaming: a checkpoint every {@code checkpointInterval} into
   * {@code checkpointDirectory}, kept when the job is cancelled (so a restart resumes from it);
   * failures restart the job with exponential delay (1 s doubling to 1 min). Backfill: no
   * checkpoints. Both run in streaming execution mode, so backfill computes what streaming does.
   * Generic (Kryo) types are disabled: every type that crosses operators must have a proper
   * serializer (a POJO, a record or its own TypeInformation), or building the job fails.
   */
  public static Configuration flinkConfiguration(JobsConfig config, JobMode mode) {
    Configuration flink = new Configuration();
    flink.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
    flink.set(PipelineOptions.GENERIC_TYPES, false);
    flink.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
    flink.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
        Duration.ofSeconds(1));
    flink.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
        Duration.ofMinutes(1));
    if (mode == JobMode.STREAMING) {
      flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
      flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDirectory());
      flink.set(
          CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
      flink.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 1);
    }
    return flink;
  }

  /**
   * Starts the streaming job on a local MiniCluster in this JVM and returns at once; {@link
   * RunningJob#close()} cancels it and stops the MiniCluster. Resumes from the newest checkpoint in
   * the (local) checkpoint directory, else from the consumer group's committed offsets, else from
   * the earliest. Applies the ClickHouse migrations first.
   */
  public static RunningJob start(
      PavedConfig config, String bootstrapServers, String clickhouseUrl) {
    Configuration local = localConfiguration(config.jobs());
    Optional<Path> checkpoint =
        Checkpoints.localDirectory(config.jobs().checkpointDirectory())
            .flatMap(directory -> resumeFromNewest(directory, local));
    return start(
        StreamExecutionEnvironment.createLocalEnvironment(config.jobs().parallelism(), local),
        config,
        bootstrapServers,
        clickhouseUrl,
        checkpoint);
  }

  /**
   * Starts the streaming job on {@code env} and returns at once. Resuming from a checkpoint is up
   * to {@code env}'s configuration ({@code execution.state-recovery.path}).
   */
  public static RunningJob start(
      StreamExecutionEnvironment env,
      PavedConfig config,
      String bootstrapServers,
      String clickhouseUrl) {
    return start(env, config, bootstrapServers, clickhouseUrl, Optional.empty());
  }

  private static RunningJob start(
      StreamExecutionEnvironment env,
      PavedConfig config,
      String bootstrapServers,
      String clickhouseUrl,
      Optional<Path> checkpoint) {
    applyMigrations(config, clickhouseUrl);
    build(env, config, bootstrapServers, clickhouseUrl, JobMode.STREAMING);
    try {
      JobClient client = env.executeAsync(JOB_NAME);
      LOG.info(
          "Paved jobs streaming from {} ({}) into ClickHouse at {}: Flink job {}",
          config.kafka().topic(),
          bootstrapServers,
          clickhouseUrl,
          client.getJobID());
      return new RunningJob(client, CANCEL_TIMEOUT, checkpoint);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start the Paved jobs: " + e.getMessage(), e);
    }
  }

  /**
   * Recomputes everything from the event log on a local MiniCluster in this JVM: reads from the
   * earliest to the latest offsets at its start and returns when done. Every metric table is
   * written fresh into a shadow and swapped in only if the job succeeds ({@link FreshTables}); the
   * raw {@code events} are upserted in place. Run it with the streaming job stopped: rows the
   * streaming job writes into a live table meanwhile are dropped with it at the swap.
   */
  public static JobExecutionResult backfill(
      PavedConfig config, String bootstrapServers, String clickhouseUrl) {
    return backfill(
        StreamExecutionEnvironment.createLocalEnvironment(
            config.jobs().parallelism(), localConfiguration(config.jobs())),
        config,
        bootstrapServers,
        clickhouseUrl);
  }

  /** {@link #backfill(PavedConfig, String, String)} on {@code env}. */
  public static JobExecutionResult backfill(
      StreamExecutionEnvironment env,
      PavedConfig config,
      String bootstrapServers,
      String clickhouseUrl) {
    if (!env.getConfiguration().getOptional(DeploymentOptions.ATTACHED).orElse(true)) {
      throw new IllegalArgumentException(
          "A backfill must be submitted attached (flink run without -d): its fresh tables are"
              + " swapped in when it has finished");
    }
    applyMigrations(config, clickhouseUrl);
    FreshTables fresh =
        new FreshTables(
            ClickHouseTarget.of(config.clickhouse(), clickhouseUrl),
            tables(config, clickhouseUrl),
            Set.of(EventRow.TABLE));
    build(env, config, bootstrapServers, JobMode.BACKFILL, fresh);
    long started = System.nanoTime();
    try {
      JobExecutionResult result = fresh.replace(() -> env.execute(JOB_NAME + "-backfill"));
      LOG.info(
          "Backfill of {} done in {} s",
          config.kafka().topic(),
          Duration.ofNanos(System.nanoTime() - started).toSeconds());
      return result;
    } catch (Exception e) {
      throw new IllegalStateException("The backfill failed: " + e.getMessage(), e);
    }
  }

  /**
   * Entry point of the job jar on a Flink cluster: {@code flink run paved-jobs.jar [backfill]}.
   * Reads the settings from the environment (and {@code PAVED_CONFIG}); Kafka and ClickHouse must
   * be existing servers ({@code PAVED_KAFKA_BOOTSTRAP_SERVERS}, {@code PAVED_CLICKHOUSE_URL}). To
   * resume from a checkpoint on a cluster, pass it to {@code flink run -s}. Submit a backfill
   * attached (no {@code -d}): its fresh tables are swapped in when {@code flink run} sees it
   * finish.
   */
  public static void main(String[] args) throws Exception {
    PavedConfig config = PavedConfig.load();
    String bootstrapServers =
        config
            .kafka()
            .bootstrapServers()
            .orElseThrow(() -> required(Settings.KAFKA_BOOTSTRAP_SERVERS.environmentVariable()));
    String clickhouseUrl =
        config
            .clickhouse()
            .url()
            .orElseThrow(() -> required(Settings.CLICKHOUSE_URL.environmentVariable()));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    if (args.length > 0 && args[0].equals("backfill")) {
      backfill(env, config, bootstrapServers, clickhouseUrl);
      return;
    }
    applyMigrations(config, clickhouseUrl);
    build(env, config, bootstrapServers, clickhouseUrl, JobMode.STREAMING);
    env.execute(JOB_NAME);
  }

  /** Brings the ClickHouse schema up to date (idempotent), so the jobs can run alone. */
  public static void applyMigrations(PavedConfig config, String clickhouseUrl) {
    try (ClickHouse clickhouse = ClickHouse.connect(config.clickhouse(), clickhouseUrl)) {
      Migrations.fromClasspath().apply(clickhouse);
    }
  }

  private static ConfigException required(String variable) {
    return new ConfigException(
        variable + " must name an existing server when the jobs run on a Flink cluster");
  }

  /** The local MiniCluster: one task manager with a slot per parallel subtask, in this JVM. */
  private static Configuration localConfiguration(JobsConfig config) {
    Configuration local = new Configuration();
    local.set(TaskManagerOptions.NUM_TASK_SLOTS, config.parallelism());
    local.set(CoreOptions.DEFAULT_PARALLELISM, config.parallelism());
    // A task that does not stop within the default 3 minutes of its cancellation is a fatal error
    // of the task manager, which in this JVM would take ingest and the API down with it.
    local.set(TaskManagerOptions.TASK_CANCELLATION_TIMEOUT, Duration.ZERO);
    // No Kerberos or Hadoop here: without this, every start warns that it obtained no tokens.
    local.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, false);
    return local;
  }

  /** Sets the newest checkpoint under {@code directory} as the one to resume from, if any. */
  private static Optional<Path> resumeFromNewest(Path directory, Configuration local) {
    Optional<Path> newest = Checkpoints.newest(directory);
    Checkpoints.removeAllBut(directory, newest);
    if (newest.isPresent()) {
      LOG.info("Resuming from checkpoint {}", newest.get());
      local.set(StateRecoveryOptions.SAVEPOINT_PATH, newest.get().toUri().toString());
      // A pipeline removed since the checkpoint leaves state nobody claims: drop it.
      local.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
    } else {
      LOG.info(
          "No checkpoint in {}: starting from the consumer group's committed offsets, else the"
              + " earliest",
          directory);
    }
    return newest;
  }
}
