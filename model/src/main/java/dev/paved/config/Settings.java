package dev.paved.config;

import java.util.List;

/** The one list of every setting, in the order the docs present them. */
public final class Settings {
  private Settings() {}

  public static final Setting HOME =
      new Setting(
          "home",
          ".",
          "Directory Paved works in; private servers keep their data under its `var/`.");

  public static final Setting CLICKHOUSE_URL =
      new Setting(
          "clickhouse.url",
          "",
          "HTTP URL of an existing ClickHouse (e.g. `http://ch:8123`). Empty: Paved starts a"
              + " private server from the installed `clickhouse-server` binary.");
  public static final Setting CLICKHOUSE_USER =
      new Setting("clickhouse.user", "default", "ClickHouse user.");
  public static final Setting CLICKHOUSE_PASSWORD =
      new Setting("clickhouse.password", "", "ClickHouse password (never logged).");
  public static final Setting CLICKHOUSE_DATABASE =
      new Setting(
          "clickhouse.database",
          "paved",
          "Database holding Paved's tables; created by the first migration.");
  public static final Setting CLICKHOUSE_BINARY =
      new Setting(
          "clickhouse.binary",
          "clickhouse-server",
          "Binary for the private server: a path, or a name searched on `PATH`, `/usr/sbin`"
              + " and `/usr/bin`.");
  public static final Setting CLICKHOUSE_HTTP_PORT =
      new Setting(
          "clickhouse.http-port", "0", "HTTP port of the private server; 0 picks a free one.");

  public static final Setting KAFKA_BOOTSTRAP_SERVERS =
      new Setting(
          "kafka.bootstrap-servers",
          "",
          "Kafka bootstrap servers of an existing cluster. Empty: Paved starts a private"
              + " single-node broker under `var/kafka`.");
  public static final Setting KAFKA_TOPIC =
      new Setting("kafka.topic", "paved.events", "Topic that holds the event log.");
  public static final Setting KAFKA_PARTITIONS =
      new Setting("kafka.partitions", "3", "Partitions of the event topic when Paved creates it.");
  public static final Setting KAFKA_REPLICATION_FACTOR =
      new Setting(
          "kafka.replication-factor",
          "1",
          "Replication factor of the event topic when Paved creates it.");
  public static final Setting KAFKA_RETENTION_MS =
      new Setting(
          "kafka.retention-ms",
          "-1",
          "Retention of the event topic when Paved creates it; -1 keeps everything, which"
              + " backfill needs to replay history.");
  public static final Setting KAFKA_BROKER_LIBS =
      new Setting(
          "kafka.broker-libs",
          "ingest/target/kafka-broker",
          "Directory of the Kafka broker jars the build copies, for the private broker"
              + " (relative to `home`).");

  public static final Setting INGEST_PORT =
      new Setting("ingest.port", "8080", "Port of the ingest server (`POST /v1/events`).");
  public static final Setting INGEST_TOKENS =
      new Setting(
          "ingest.tokens",
          "local=paved-dev-ingest-token:*",
          "Ingest tokens: `source=token:type,type;source=token:*`. Each source may send the"
              + " listed event types (`*`: all). Change the local default before exposing"
              + " ingest.");

  public static final Setting INGEST_MAX_BODY_BYTES =
      new Setting(
          "ingest.max-body-bytes",
          "4194304",
          "Largest request body, after gzip decompression; larger requests get `413`.");
  public static final Setting INGEST_MAX_BATCH_EVENTS =
      new Setting("ingest.max-batch-events", "5000", "Most events in one request; more get `413`.");
  public static final Setting INGEST_MAX_IN_FLIGHT_REQUESTS =
      new Setting(
          "ingest.max-in-flight-requests",
          "200",
          "Requests processed at once; beyond it ingest answers `429` with `Retry-After`, so"
              + " memory stays bounded under overload. The server runs this many threads and 50"
              + " more (at least 250).");
  public static final Setting INGEST_MAX_IN_FLIGHT_BYTES =
      new Setting(
          "ingest.max-in-flight-bytes",
          "33554432",
          "Request body bytes (decompressed) held at once by the requests being processed;"
              + " beyond it ingest answers `429` with `Retry-After`. At least"
              + " `ingest.max-body-bytes`.");
  public static final Setting INGEST_ACK_TIMEOUT_MS =
      new Setting(
          "ingest.ack-timeout-ms",
          "10000",
          "How long a request waits for Kafka to acknowledge its events before answering `503`.");
  public static final Setting INGEST_DEDUPE_WINDOW_HOURS =
      new Setting(
          "ingest.dedupe-window-hours",
          "168",
          "Ingest answers a resent `id` as a duplicate within this window (7 days); beyond it the"
              + " raw table and the jobs still count it once.");
  public static final Setting INGEST_DEDUPE_MAX_IDS =
      new Setting(
          "ingest.dedupe-max-ids",
          "2000000",
          "Most ids remembered for deduplication (11 to 21 bytes each); the oldest go first.");

  public static final Setting JOBS_PARALLELISM =
      new Setting(
          "jobs.parallelism",
          "2",
          "Parallelism of the Flink job; also the task slots of the local MiniCluster that `./paved"
              + " jobs` runs.");
  public static final Setting JOBS_CONSUMER_GROUP =
      new Setting(
          "jobs.consumer-group",
          "paved-jobs",
          "Kafka consumer group of the streaming job: it commits its offsets there at each"
              + " checkpoint, and starts from them (else from the earliest) without a checkpoint.");
  public static final Setting JOBS_CHECKPOINT_INTERVAL_MS =
      new Setting(
          "jobs.checkpoint-interval-ms",
          "10000",
          "How often the streaming job checkpoints its state and Kafka offsets; sinks also flush"
              + " to ClickHouse at each checkpoint.");
  public static final Setting JOBS_CHECKPOINT_DIR =
      new Setting(
          "jobs.checkpoint-dir",
          "var/flink-checkpoints",
          "Where checkpoints are kept: a path (relative to `home`) or a URI Flink can write"
              + " (`file:///...`, `s3://...`). A restarted job resumes from the newest one here.");
  public static final Setting JOBS_OUT_OF_ORDERNESS_SECONDS =
      new Setting(
          "jobs.out-of-orderness-seconds",
          "600",
          "How far behind the newest event time the watermark trails. Events older than the"
              + " watermark are late: still counted, their metric rows are emitted again.");
  public static final Setting JOBS_IDLE_TIMEOUT_SECONDS =
      new Setting(
          "jobs.idle-timeout-seconds",
          "60",
          "A Kafka partition without events for this long stops holding the watermark back.");
  public static final Setting JOBS_DEDUPE_HORIZON_HOURS =
      new Setting(
          "jobs.dedupe-horizon-hours",
          "168",
          "The jobs remember an event `id` for this long in event time after it was seen, and"
              + " drop copies that arrive meanwhile (7 days).");
  public static final Setting JOBS_SINK_BATCH_ROWS =
      new Setting(
          "jobs.sink-batch-rows",
          "20000",
          "Rows a ClickHouse sink buffers before it inserts them; also bounds its memory.");
  public static final Setting JOBS_SINK_FLUSH_MS =
      new Setting(
          "jobs.sink-flush-ms",
          "1000",
          "Longest a row waits in a ClickHouse sink's buffer before it is inserted.");
  public static final Setting JOBS_SINK_MAX_BACKOFF_MS =
      new Setting(
          "jobs.sink-max-backoff-ms",
          "30000",
          "Longest pause between two attempts of a failed ClickHouse insert; the pause doubles"
              + " from 100 ms up to it, and the sink retries until ClickHouse is back.");

  public static final Setting API_PORT =
      new Setting("api.port", "8081", "Port of the read API and dashboards.");
  public static final Setting API_READ_TOKENS =
      new Setting(
          "api.read-tokens",
          "paved-dev-read-token",
          "Comma-separated read tokens for `/api/v1` (separate from ingest tokens).");
  public static final Setting API_MIN_COUNT =
      new Setting(
          "api.min-count",
          "5",
          "A metric row whose `count` is below this carries `\"low_confidence\": true`.");
  public static final Setting API_CACHE_MAX_AGE_SECONDS =
      new Setting(
          "api.cache-max-age-seconds",
          "30",
          "`Cache-Control: private, max-age=N` on every `/api/v1` answer; 0 makes clients"
              + " revalidate (with `If-None-Match`) every time.");

  public static final Setting METRICS_PRODUCTION_ENVIRONMENTS =
      new Setting(
          "metrics.production-environments",
          "production,prod",
          "Comma-separated deploy environments that count as production for the delivery"
              + " metrics; the read API's default `environment`.");
  public static final Setting JOBS_DEVIATION_REFRESH_MS =
      new Setting(
          "jobs.deviation-refresh-ms",
          "60000",
          "Processing time between two refreshes of the deviation clusters in the streaming job,"
              + " counted from the first deviation event since the last refresh (at least hourly"
              + " per metrics.md; a backfill refreshes once, at the end of its input).");

  public static final Setting WEBHOOKS_GITHUB_SECRET =
      new Setting(
          "webhooks.github-secret",
          "",
          "Secret of the GitHub webhook (`X-Hub-Signature-256`); empty turns"
              + " `/v1/webhooks/github` off (`404`). Never logged.");
  public static final Setting WEBHOOKS_GITLAB_TOKEN =
      new Setting(
          "webhooks.gitlab-token",
          "",
          "Secret token of the GitLab webhook (`X-Gitlab-Token`); empty turns"
              + " `/v1/webhooks/gitlab` off. Never logged.");
  public static final Setting WEBHOOKS_PAGERDUTY_SECRET =
      new Setting(
          "webhooks.pagerduty-secret",
          "",
          "Signing secret of the PagerDuty V3 webhook subscription (`X-PagerDuty-Signature`);"
              + " empty turns `/v1/webhooks/pagerduty` off. Never logged.");
  public static final Setting WEBHOOKS_JIRA_SECRET =
      new Setting(
          "webhooks.jira-secret",
          "",
          "Secret of the Jira webhook (`X-Hub-Signature`); empty turns `/v1/webhooks/jira`"
              + " off. Never logged.");
  public static final Setting WEBHOOKS_ZENDESK_SECRET =
      new Setting(
          "webhooks.zendesk-secret",
          "",
          "Signing secret of the Zendesk webhook (`X-Zendesk-Webhook-Signature`); empty turns"
              + " `/v1/webhooks/zendesk` off. Never logged.");
  public static final Setting WEBHOOKS_REPOSITORIES =
      new Setting(
          "webhooks.repositories",
          "",
          "Service and team of a GitHub repository or GitLab project:"
              + " `owner/repo=service:team;group/project=service` (team optional). Unlisted"
              + " repositories map to the slug of their name and no team.");
  public static final Setting WEBHOOKS_PAGERDUTY_SERVICES =
      new Setting(
          "webhooks.pagerduty-services",
          "",
          "Service and team of a PagerDuty service, by its id or name:"
              + " `PF9KMXH=checkout:payments;API Service=api`. Unlisted services map to the slug"
              + " of their name and the slug of their first PagerDuty team.");
  public static final Setting WEBHOOKS_TICKET_FEATURES =
      new Setting(
          "webhooks.ticket-features",
          "",
          "`feature` of a Jira issue or Zendesk ticket, first matching rule wins:"
              + " `project:PLAT=platform;component:CI=ci-pipelines;label:k8s=kubernetes;"
              + "tag:secrets=secrets` (names compared ignoring case). No match: no feature.");
  public static final Setting WEBHOOKS_TICKET_KINDS =
      new Setting(
          "webhooks.ticket-kinds",
          "type:bug=problem;type:incident=problem;type:problem=problem;type:question=question;"
              + "type:task=request;type:service request=request",
          "`kind` of a Jira issue or Zendesk ticket, first matching rule wins, rules as in"
              + " `webhooks.ticket-features` plus `type:` (Jira issue type, Zendesk ticket type)."
              + " No match: no kind.");
  public static final Setting WEBHOOKS_PUSH_HISTORY_COMMITS =
      new Setting(
          "webhooks.push-history-commits",
          "200000",
          "Commits of pushed history ingest keeps in memory (about 300 bytes each) to tell which"
              + " commits a deploy shipped; the least recently pushed go first.");
  public static final Setting JOBS_WORKFLOW_INACTIVITY_HOURS =
      new Setting(
          "jobs.workflow-inactivity-hours",
          "24",
          "A workflow attempt that has not completed is abandoned when no event of its run"
              + " arrives for this many hours of event time after its last event.");

  public static final Setting SCORECARD_DEPLOYMENT_FREQUENCY =
      new Setting(
          "scorecard.target.deployment-frequency",
          "0.14285714285714285",
          "Scorecard target: successful production deploys per day, at least (default once a"
              + " week, DORA's \"high\" bound).");
  public static final Setting SCORECARD_LEAD_TIME_SECONDS =
      new Setting(
          "scorecard.target.lead-time-seconds",
          "604800",
          "Scorecard target: median lead time for changes in seconds, at most (default one week,"
              + " DORA's \"high\" bound).");
  public static final Setting SCORECARD_CHANGE_FAILURE_RATE =
      new Setting(
          "scorecard.target.change-failure-rate",
          "0.10",
          "Scorecard target: change failure rate (0 to 1), at most (default DORA's \"high\" 10%).");
  public static final Setting SCORECARD_RECOVERY_TIME_SECONDS =
      new Setting(
          "scorecard.target.recovery-time-seconds",
          "86400",
          "Scorecard target: median failed deployment recovery time in seconds, at most (default"
              + " one day, DORA's \"high\" bound).");
  public static final Setting SCORECARD_FIRST_CHANGE_SECONDS =
      new Setting(
          "scorecard.target.onboarding-first-change-seconds",
          "604800",
          "Scorecard target: Kaplan–Meier median from joining to the first change, seconds, at"
              + " most (default one week).");
  public static final Setting SCORECARD_FIRST_DEPLOY_SECONDS =
      new Setting(
          "scorecard.target.onboarding-first-deploy-seconds",
          "1209600",
          "Scorecard target: median from joining to the first production deploy of one's own"
              + " change, seconds, at most (default two weeks).");
  public static final Setting SCORECARD_TENTH_CHANGE_SECONDS =
      new Setting(
          "scorecard.target.onboarding-tenth-change-seconds",
          "2592000",
          "Scorecard target: median from joining to the tenth change, seconds, at most (default"
              + " 30 days).");
  public static final Setting SCORECARD_ABANDONMENT_RATE =
      new Setting(
          "scorecard.target.abandonment-rate",
          "0.10",
          "Scorecard target: abandoned workflow attempts / attempts started (0 to 1), at most.");
  public static final Setting SCORECARD_SURVEY_SHARE =
      new Setting(
          "scorecard.target.survey-share",
          "0.75",
          "Scorecard target of every survey question's mean, as the share of the question's scale"
              + " from its worse end (0.75: a mean of 4 on 1-5, 7.5 on 0-10).");
  public static final Setting SCORECARD_SURVEY_LOWER_IS_BETTER =
      new Setting(
          "scorecard.survey-lower-is-better",
          "cognitive_load",
          "Comma-separated survey questions whose low scores are the good ones; their target is"
              + " measured from the top of the scale and met at or below it.");
  public static final Setting SCORECARD_TICKET_LOAD =
      new Setting(
          "scorecard.target.ticket-load",
          "10",
          "Scorecard target: support tickets opened per 100 active developers in the period, at"
              + " most.");
  public static final Setting SCORECARD_GOLDEN_PATH_SHARE =
      new Setting(
          "scorecard.target.golden-path-share",
          "0.80",
          "Scorecard target: share of services (seen in events in the period) without an active"
              + " deviation at its end (0 to 1), at least.");

  public static final List<Setting> ALL =
      List.of(
          HOME,
          CLICKHOUSE_URL,
          CLICKHOUSE_USER,
          CLICKHOUSE_PASSWORD,
          CLICKHOUSE_DATABASE,
          CLICKHOUSE_BINARY,
          CLICKHOUSE_HTTP_PORT,
          KAFKA_BOOTSTRAP_SERVERS,
          KAFKA_TOPIC,
          KAFKA_PARTITIONS,
          KAFKA_REPLICATION_FACTOR,
          KAFKA_RETENTION_MS,
          KAFKA_BROKER_LIBS,
          INGEST_PORT,
          INGEST_TOKENS,
          INGEST_MAX_BODY_BYTES,
          INGEST_MAX_BATCH_EVENTS,
          INGEST_MAX_IN_FLIGHT_REQUESTS,
          INGEST_MAX_IN_FLIGHT_BYTES,
          INGEST_ACK_TIMEOUT_MS,
          INGEST_DEDUPE_WINDOW_HOURS,
          INGEST_DEDUPE_MAX_IDS,
          JOBS_PARALLELISM,
          JOBS_CONSUMER_GROUP,
          JOBS_CHECKPOINT_INTERVAL_MS,
          JOBS_CHECKPOINT_DIR,
          JOBS_OUT_OF_ORDERNESS_SECONDS,
          JOBS_IDLE_TIMEOUT_SECONDS,
          JOBS_DEDUPE_HORIZON_HOURS,
          JOBS_SINK_BATCH_ROWS,
          JOBS_SINK_FLUSH_MS,
          JOBS_SINK_MAX_BACKOFF_MS,
          API_PORT,
          API_READ_TOKENS,
          API_MIN_COUNT,
          API_CACHE_MAX_AGE_SECONDS,
          METRICS_PRODUCTION_ENVIRONMENTS,
          WEBHOOKS_GITHUB_SECRET,
          WEBHOOKS_GITLAB_TOKEN,
          WEBHOOKS_PAGERDUTY_SECRET,
          WEBHOOKS_JIRA_SECRET,
          WEBHOOKS_ZENDESK_SECRET,
          WEBHOOKS_REPOSITORIES,
          WEBHOOKS_PAGERDUTY_SERVICES,
          WEBHOOKS_TICKET_FEATURES,
          WEBHOOKS_TICKET_KINDS,
          WEBHOOKS_PUSH_HISTORY_COMMITS,
          JOBS_WORKFLOW_INACTIVITY_HOURS,
          JOBS_DEVIATION_REFRESH_MS,
          SCORECARD_DEPLOYMENT_FREQUENCY,
          SCORECARD_LEAD_TIME_SECONDS,
          SCORECARD_CHANGE_FAILURE_RATE,
          SCORECARD_RECOVERY_TIME_SECONDS,
          SCORECARD_FIRST_CHANGE_SECONDS,
          SCORECARD_FIRST_DEPLOY_SECONDS,
          SCORECARD_TENTH_CHANGE_SECONDS,
          SCORECARD_ABANDONMENT_RATE,
          SCORECARD_SURVEY_SHARE,
          SCORECARD_SURVEY_LOWER_IS_BETTER,
          SCORECARD_TICKET_LOAD,
          SCORECARD_GOLDEN_PATH_SHARE);
}
