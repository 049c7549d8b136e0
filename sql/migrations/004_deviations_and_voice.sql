-- Deviation clusters (metrics.md, section 4) and voice of the developer (section 5), written by
-- the jobs' DeviationsPipeline and VoicePipeline. Conventions as in 002: ReplacingMergeTree keyed
-- by id alone, times as DateTime('UTC') plus a _ms column, absent text ''. 18.16 compatible.

-- A cluster as of one refresh. id is the cluster id, version the refresh: a later refresh
-- replaces the row; a cluster that vanished keeps its last refresh, so readers take the rows of
-- the latest complete refresh (deviation_refreshes) only.
CREATE TABLE IF NOT EXISTS ${database}.deviation_clusters
(
    id String,                          -- the cluster id, stable across refreshes
    refresh UInt64,                     -- the refresh that wrote it (wall clock ms, increasing)
    rank UInt32,                        -- 1 = most teams (then size, then id) in that refresh
    component String,
    golden_path String,
    replacements Array(String),         -- distinct actual values, sorted
    deviations UInt32,                  -- active deviations in it
    teams UInt32,
    services UInt32,
    team_names Array(String),
    terms Array(String),                -- most telling reason terms, strongest first
    first_seen DateTime('UTC'),         -- earliest start of its current members' spells
    first_seen_ms UInt16,
    growth_30d UInt32,                  -- members whose spell began in the 30 days before the clock
    widen_candidate UInt8,              -- at least 3 teams
    version UInt64                      -- = refresh
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- A deviation in a cluster as of one refresh: id <cluster_id>/<team>|<service>|<component>.
CREATE TABLE IF NOT EXISTS ${database}.deviation_cluster_members
(
    id String,
    cluster_id String,
    deviation String,                   -- team|service|component
    refresh UInt64,
    team String,
    service String,
    component String,
    golden_path String,
    actual String,
    reason String,
    since DateTime('UTC'),              -- when its current spell off the path began
    since_ms UInt16,
    version UInt64                      -- = refresh
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- One refresh of the clusters: how many cluster rows it wrote, so readers can tell a complete one.
CREATE TABLE IF NOT EXISTS ${database}.deviation_refreshes
(
    id String,                          -- refresh:<refresh>
    refresh UInt64,
    clock DateTime('UTC'),              -- the clusterer's event-time clock
    clock_ms UInt16,
    clusters UInt32,
    active_deviations UInt32,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- One answer to one survey question; anonymous answers have actor ''.
CREATE TABLE IF NOT EXISTS ${database}.survey_answers
(
    id String,                          -- survey:<event id>
    event_id String,
    survey_id String,
    question String,
    team String,
    actor String,
    answered_at DateTime('UTC'),
    answered_ms UInt16,
    score Float64,
    scale_min Float64,
    scale_max Float64,
    nps_score Float64,                  -- the score on 0-10 (mapped linearly from other scales)
    comment String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- One support ticket, kept current as its events arrive.
CREATE TABLE IF NOT EXISTS ${database}.tickets
(
    id String,                          -- ticket:<ticket_id>
    ticket_id String,
    team String,                        -- the requesting team
    actor String,                       -- the requester
    feature String,
    priority String,
    kind String,                        -- request, problem, question; '' when not sent
    opened_at DateTime('UTC'),          -- the earliest opened (else the earliest event)
    opened_ms UInt16,
    resolved_at Nullable(DateTime('UTC')), -- the final resolution; null while open
    resolved_ms UInt16,
    resolution_seconds Nullable(Float64), -- resolved_at - opened_at, reopened spells included
    reopens UInt32,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;
