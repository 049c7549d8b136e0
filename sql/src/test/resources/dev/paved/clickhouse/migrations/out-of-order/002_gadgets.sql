CREATE TABLE IF NOT EXISTS ${database}.gadgets (id String) ENGINE = MergeTree ORDER BY id;
