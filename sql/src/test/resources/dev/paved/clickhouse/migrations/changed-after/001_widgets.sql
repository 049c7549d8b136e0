CREATE TABLE IF NOT EXISTS ${database}.widgets (id String, name String) ENGINE = MergeTree ORDER BY id;
