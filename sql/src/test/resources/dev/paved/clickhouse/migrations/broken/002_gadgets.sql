-- The first statement is fine; the second names a type that does not exist.
CREATE TABLE IF NOT EXISTS ${database}.gadgets (id String) ENGINE = MergeTree ORDER BY id;
CREATE TABLE IF NOT EXISTS ${database}.gizmos (id NoSuchType) ENGINE = MergeTree ORDER BY id;
