-- Abandonment, stuck points and adoption (metrics.md, section 3), written by the jobs'
-- WorkflowsPipeline. As in 002: one row per fact id, a changed fact written again with a higher
-- version (read with FINAL), ORDER BY id alone, DateTime('UTC') plus a _ms column, absent text ''.
-- 18.16 compatible.

-- One workflow attempt: all usage events of one run_id.
CREATE TABLE IF NOT EXISTS ${database}.workflow_attempts
(
    id String,                          -- attempt:<run_id>
    run_id String,
    feature String,
    team String,                        -- of its started event, else its earliest; '' when none
    actor String,
    started_at DateTime('UTC'),         -- its earliest event: the period it counts in
    started_ms UInt16,
    last_event_at DateTime('UTC'),      -- its latest event; abandoned 24 h (setting) after it
    last_event_ms UInt16,
    status String,                      -- completed, abandoned, open
    last_step String,                   -- step of its latest event naming one; 'started' if none
    events UInt32,
    failures UInt32,                    -- its failed events
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- One step or failed event of a run, with the time spent there.
CREATE TABLE IF NOT EXISTS ${database}.workflow_steps
(
    id String,                          -- step:<run_id>:<event id>
    run_id String,
    feature String,
    team String,
    actor String,
    step String,
    at DateTime('UTC'),                 -- the event's time: the period it counts in
    at_ms UInt16,
    failed UInt8,                       -- a failed event
    error String,                       -- its error; '' when not sent
    dwell_seconds Nullable(Float64),    -- to the run's next event; null while none is known
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- Whether the developer who abandoned an attempt opened a ticket on the same feature within 48 h
-- of the attempt's last event: one row per attempt with an actor; a ticket only when abandoned.
CREATE TABLE IF NOT EXISTS ${database}.workflow_ticket_followups
(
    id String,                          -- followup:<run_id>
    run_id String,
    feature String,
    actor String,
    last_event_at DateTime('UTC'),      -- the attempt's last event when the row was written
    last_event_ms UInt16,
    abandoned UInt8,                    -- the attempt was abandoned then
    ticket_id String,                   -- the earliest ticket in the window; '' when none
    ticket_opened_at Nullable(DateTime('UTC')),
    ticket_opened_ms UInt16,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- A developer used a feature (any usage action) in a 15-minute slot of UTC.
CREATE TABLE IF NOT EXISTS ${database}.feature_usage
(
    id String,                          -- usage:<feature>:<actor>:<slot start, epoch seconds>
    feature String,
    actor String,
    team String,                        -- of the slot's latest event; '' when not sent
    slot_start DateTime('UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;
