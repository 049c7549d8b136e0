CREATE TABLE IF NOT EXISTS ${database}.widgets (id String) ENGINE = MergeTree ORDER BY id;
