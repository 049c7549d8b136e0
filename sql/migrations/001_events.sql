-- Every accepted event, as received: the system of record that jobs and backfills read.
--
-- Deduplication: ORDER BY id alone, and no PARTITION BY, so that all rows with the same id meet
-- in one merge however their other fields differ (rows in different partitions never merge, and
-- nothing derived from the id alone would help queries). Until a merge happens, read with FINAL
-- or argMax(column, version).
--
-- The first accepted copy wins: ReplacingMergeTree keeps the highest version, and version falls
-- as received_at/received_ms grow. It is MATERIALIZED so that no writer can get it wrong.
--
-- 18.16 compatible: no LowCardinality, DateTime64 or Map. Attributes are two parallel arrays:
-- attr_values[indexOf(attr_keys, 'region')] is the value of attribute "region" ('' when absent).
CREATE TABLE IF NOT EXISTS ${database}.events
(
    id String,                    -- the sender's event id: the deduplication key
    type String,                  -- change, deploy, incident, developer, usage, ticket, survey or deviation
    time DateTime('UTC'),         -- when it happened, to the second, in UTC
    time_ms UInt16,               -- the milliseconds of time (0-999)
    team String,                  -- envelope fields; '' when the event has none
    actor String,
    service String,
    source String,                -- the tool that emitted it (envelope field source)
    sender String,                -- the source of the ingest token that sent it
    action String,                -- opened, resolved, started, step, ... for types that have one
    feature String,               -- usage, ticket: the platform feature
    step String,                  -- usage: the workflow step
    run_id String,                -- usage: one attempt of a workflow
    attr_keys Array(String),      -- attributes: keys
    attr_values Array(String),    -- attributes: values as text, same positions as attr_keys
    payload String,               -- the canonical event JSON, every field included
    received_at DateTime('UTC'),  -- when ingest accepted it, to the second, in UTC
    received_ms UInt16,           -- the milliseconds of received_at
    version UInt64 MATERIALIZED 18446744073709551615 - (toUInt64(received_at) * 1000 + received_ms)
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;
