-- The Redis record cache names its entries after the database they copy: a database created
-- anew (a new environment, a test run, a drill) never meets entries cached from another one that
-- reused the same dataset ids. A restore from backup keeps the namespace: after a restore the
-- cache is flushed (docs/OPERATIONS.md), since cached copies may be newer than the backup.
CREATE TABLE cache_namespace (
    only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    namespace text    NOT NULL DEFAULT substr(md5(gen_random_uuid()::text), 1, 8)
);
INSERT INTO cache_namespace DEFAULT VALUES;
