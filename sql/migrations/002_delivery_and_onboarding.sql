-- Delivery (metrics.md, section 1) and onboarding (section 2) facts, written by the jobs'
-- DeliveryPipeline and OnboardingPipeline. One row per fact id; a fact that changes is written
-- again with a higher version (event time in microseconds, bumped: see FactVersion), so read with
-- FINAL or argMax(column, version).
--
-- As in 001_events.sql: ORDER BY id alone and no PARTITION BY, so every version of a fact meets
-- its predecessors in one merge. Times are DateTime('UTC') to the second plus a _ms column
-- (0-999, and 0 when the time is null). Absent text is ''. 18.16 compatible.

-- One change that reached production (lead time for changes and its breakdown).
CREATE TABLE IF NOT EXISTS ${database}.change_lead_times
(
    id String,                          -- change:<service>:<change_id>
    change_id String,
    service String,
    team String,                        -- the change's team, else the deploy's; '' when neither
    actor String,                       -- the author; '' when not sent
    authored_at DateTime('UTC'),        -- the change's time: where lead time starts
    authored_ms UInt16,
    deploy_id String,                   -- the first successful production deploy shipping it
    deployed_at DateTime('UTC'),        -- when it finished: the period the lead time belongs to
    deployed_ms UInt16,
    lead_time_seconds Float64,          -- deployed_at - authored_at
    coding_seconds Nullable(Float64),   -- authored_at -> pr_opened_at
    pickup_seconds Nullable(Float64),   -- -> pr_first_review_at
    review_seconds Nullable(Float64),   -- -> pr_merged_at
    deploy_seconds Nullable(Float64),   -- -> deployed_at
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- One deploy (deployment frequency, deploy days, change failure rate).
CREATE TABLE IF NOT EXISTS ${database}.deploys
(
    id String,                          -- deploy:<deploy_id>
    deploy_id String,
    service String,
    team String,
    environment String,
    production UInt8,                   -- environment is in the production set
    status String,                      -- success, failure, rolled_back: the latest event's
    finished_at DateTime('UTC'),        -- the earliest event's time
    finished_ms UInt16,
    failed UInt8,                       -- status is failure or rolled_back
    caused_incident UInt8,              -- an incident is attributed to it, named or inferred
    incident_inferred UInt8,            -- every incident attributed to it was inferred
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- One incident (failed deployment recovery time; open ones with their age).
CREATE TABLE IF NOT EXISTS ${database}.incidents
(
    id String,                          -- incident:<incident_id>
    incident_id String,
    service String,                     -- '' when no event names one
    team String,
    opened_at DateTime('UTC'),          -- the earliest opened event's time
    opened_ms UInt16,
    resolved_at Nullable(DateTime('UTC')), -- null while open
    resolved_ms UInt16,
    recovery_seconds Nullable(Float64), -- resolved_at - opened_at; null while open
    caused_by_deploy String,            -- the deploy_id it names; '' when none
    severity String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- One developer's progress to one milestone since joining (onboarding time, Kaplan-Meier).
CREATE TABLE IF NOT EXISTS ${database}.onboarding_milestones
(
    id String,                          -- milestone:<actor>:<milestone>
    actor String,
    milestone String,                   -- first_change, first_deploy, tenth_change
    team String,                        -- the team joined
    joined_at DateTime('UTC'),
    joined_ms UInt16,
    cohort_month Date,                  -- first day of the month of joined_at, UTC
    reached_at Nullable(DateTime('UTC')), -- null while not reached (censored)
    reached_ms UInt16,
    left_at Nullable(DateTime('UTC')),  -- the earliest left at or after the join; null while here
    left_ms UInt16,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- Service bootstrap time ("idea to running service") of one service.
CREATE TABLE IF NOT EXISTS ${database}.service_bootstraps
(
    id String,                          -- bootstrap:<service>
    service String,
    team String,
    actor String,                       -- who started the earliest run; '' when not sent
    run_id String,                      -- the earliest service-template run
    started_at DateTime('UTC'),
    started_ms UInt16,
    ended_at Nullable(DateTime('UTC')), -- first successful production deploy, else completion
    ended_ms UInt16,
    deploy_id String,                   -- '' when not ended by a deploy
    completed_without_deploy UInt8,
    bootstrap_seconds Nullable(Float64), -- ended_at - started_at; null while not ended
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;
