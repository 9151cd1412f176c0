package org.cityplatform.exchange.records;

import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Items gathered for one upsert statement. A key given twice keeps its last occurrence (docs/api.md
 * allows "the last occurrence wins" when documented), and the batch is sorted by key so that
 * concurrent pushes lock rows in one order and cannot deadlock.
 */
final class PushBatch {

    /*
     * One statement for any batch size: three array parameters, the JSON passed as text and cast in
     * SQL. Data and removals go through the same upsert, in key order, so two concurrent pushes
     * lock their rows in one order and cannot deadlock. Unchanged data, and the removal of what is
     * not there, make no new version and no change entry. The keys that replaced an existing record
     * come back: only those can be in a cache. The NOTIFY is delivered at commit and wakes
     * long-polling change-feed readers on every instance.
     */
    private static String written(String source) {
        return """
                WITH written AS (
                    INSERT INTO records AS r (dataset_id, key, data, version, deleted, updated_at)
                    SELECT $1::integer, t.k, t.d::jsonb, 1, t.del, now()
                    FROM %s
                    WHERE NOT t.del OR EXISTS (
                        SELECT 1 FROM records e WHERE e.dataset_id = $1::integer AND e.key = t.k AND NOT e.deleted)
                    ON CONFLICT (dataset_id, key) DO UPDATE
                        SET data = EXCLUDED.data, deleted = EXCLUDED.deleted, version = r.version + 1,
                            updated_at = EXCLUDED.updated_at, txid = pg_current_xact_id()
                        WHERE r.data IS DISTINCT FROM EXCLUDED.data OR r.deleted <> EXCLUDED.deleted
                    RETURNING r.key, r.version
                )""".formatted(source);
    }

    private static final String BATCH = "unnest($2::text[], $3::text[], $4::bool[]) AS t(k, d, del)";
    private static final String COUNTS = """
            SELECT count(*) AS changed, array_agg(key) FILTER (WHERE version > 1) AS replaced,
                   CASE WHEN count(*) > 0 THEN pg_notify('exchange_records', $1::integer::text) END""";

    static final String UPSERT = written(BATCH) + "\n" + COUNTS + "\nFROM written";

    /*
     * The same, with the batch's audit event in the same statement, hence the same transaction
     * (docs/architecture.md, "The audit trail"): no committed batch without its event, no
     * event of a batch that did not commit. The event is unsealed; the writer seals it after.
     */
    static final String UPSERT_AUDITED = written(BATCH) + audited(5) + COUNTS
            + ", (SELECT id FROM audited) AS audit_id\nFROM written";

    /*
     * An atomic push is staged in a temporary table of its connection while its body streams, and
     * written to the records by one statement at the end, in key order. Staging holds no lock on
     * any record and no transaction open, so a slow or abandoned atomic push delays neither other
     * pushes nor the change feed; and two atomic pushes of the same keys lock them in one order,
     * so they cannot deadlock, as batches written in body order could.
     */
    // Notices off for this connection: "does not exist, skipping" is no news, and the driver logs each.
    static final String STAGE_CREATE = "SET client_min_messages = warning; DROP TABLE IF EXISTS pg_temp.push_stage; "
            + "CREATE TEMP TABLE push_stage (k text PRIMARY KEY, d text, del boolean NOT NULL)";
    static final String STAGE = "INSERT INTO push_stage (k, d, del) SELECT * FROM unnest($1::text[], $2::text[], $3::bool[]) "
            + "ON CONFLICT (k) DO UPDATE SET d = EXCLUDED.d, del = EXCLUDED.del";
    static final String STAGE_DROP = "DROP TABLE IF EXISTS pg_temp.push_stage";
    private static final String STAGED = "(SELECT k, d, del FROM push_stage ORDER BY k) AS t(k, d, del)";
    private static final String STAGED_COUNTS = """
            SELECT count(*) AS changed, array_agg(key) FILTER (WHERE version > 1) AS replaced,
                   CASE WHEN count(*) > 0 THEN pg_notify('exchange_records', $1::integer::text) END,
                   (SELECT count(*) FROM push_stage) AS distinct_keys""";
    static final String MERGE_STAGED = written(STAGED) + "\n" + STAGED_COUNTS + "\nFROM written";
    static final String MERGE_STAGED_AUDITED = written(STAGED) + audited(2) + STAGED_COUNTS
            + ", (SELECT id FROM audited) AS audit_id\nFROM written";

    // The push's event, from parameter $first on: time, chain, agency, sub, dataset, lines, request and case id.
    private static String audited(int first) {
        int p = first;
        return """
                , audited AS (
                    INSERT INTO audit_events (at, chain, agency, sub, action, dataset, count, cursor_from, cursor_to,
                                              outcome, request_id, case_id)
                    SELECT $%d, $%d, $%d, $%d, 'PUSH', $%d, (SELECT count(*) FROM written), $%d, $%d, 'OK', $%d, $%d
                    RETURNING id
                )
                """.formatted(p, p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7, p + 8);
    }

    private final Map<String, PushItem> items;
    private int valid;
    private long firstLine;
    private long lastLine;
    private String[] sorted;

    PushBatch(int capacity) {
        items = new HashMap<>(capacity * 2);
    }

    void add(PushItem item) {
        items.put(item.key(), item);
        if (valid == 0) {
            firstLine = item.line();
        }
        valid++;
        lastLine = item.line();
    }

    /** The line (or array index) of the first item in the batch. */
    long firstLine() {
        return firstLine;
    }

    /** The line of the last item in the batch: a push that stops can be resumed after it. */
    long lastLine() {
        return lastLine;
    }

    /** Valid items added, superseded duplicates included. */
    int valid() {
        return valid;
    }

    /** Distinct keys: the rows the statement can change. */
    int distinct() {
        return items.size();
    }

    boolean isEmpty() {
        return valid == 0;
    }

    /** The distinct keys, sorted: the statement's order, and what a cache must forget. */
    List<String> keys() {
        if (sorted == null) {
            sorted = items.keySet().toArray(new String[0]);
            Arrays.sort(sorted);
        }
        return Arrays.asList(sorted);
    }

    Tuple parameters(int datasetId) {
        Tuple columns = stageParameters();
        return Tuple.of(datasetId, columns.getValue(0), columns.getValue(1), columns.getValue(2));
    }

    /** The batch's keys, data and removals, as the staging statement of an atomic push takes them. */
    Tuple stageParameters() {
        String[] keys = keys().toArray(new String[0]);
        String[] data = new String[keys.length];
        Boolean[] deleted = new Boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            PushItem item = items.get(keys[i]);
            data[i] = item.dataJson();
            deleted[i] = item.deleted();
        }
        return Tuple.of(keys, data, deleted);
    }
}
