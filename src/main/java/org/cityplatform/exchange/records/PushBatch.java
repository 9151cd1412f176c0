package org.cityplatform.exchange.records;

import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Items gathered for one upsert statement. A key given twice keeps its last occurrence (API.md
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
    private static final String WRITTEN = """
            WITH written AS (
                INSERT INTO records AS r (dataset_id, key, data, version, deleted, updated_at)
                SELECT $1::integer, t.k, t.d::jsonb, 1, t.del, now()
                FROM unnest($2::text[], $3::text[], $4::bool[]) AS t(k, d, del)
                WHERE NOT t.del OR EXISTS (
                    SELECT 1 FROM records e WHERE e.dataset_id = $1::integer AND e.key = t.k AND NOT e.deleted)
                ON CONFLICT (dataset_id, key) DO UPDATE
                    SET data = EXCLUDED.data, deleted = EXCLUDED.deleted, version = r.version + 1,
                        updated_at = EXCLUDED.updated_at, txid = pg_current_xact_id()
                    WHERE r.data IS DISTINCT FROM EXCLUDED.data OR r.deleted <> EXCLUDED.deleted
                RETURNING r.key, r.version
            )""";
    private static final String COUNTS = """
            SELECT count(*) AS changed, array_agg(key) FILTER (WHERE version > 1) AS replaced,
                   CASE WHEN count(*) > 0 THEN pg_notify('exchange_records', $1::integer::text) END""";

    static final String UPSERT = WRITTEN + "\n" + COUNTS + "\nFROM written";

    /*
     * The same, with the batch's audit event in the same statement, hence the same transaction
     * (ARCHITECTURE.md, "Durable before acknowledged"): no committed batch without its event, no
     * event of a batch that did not commit. The event is unsealed; the writer seals it after.
     */
    static final String UPSERT_AUDITED = WRITTEN + """
            , audited AS (
                INSERT INTO audit_events (at, chain, agency, sub, action, dataset, count, cursor_from, cursor_to,
                                          outcome, request_id, case_id)
                SELECT $5, $6, $7, $8, 'PUSH', $9, (SELECT count(*) FROM written), $10, $11, 'OK', $12, $13
                RETURNING id
            )
            """ + COUNTS + ", (SELECT id FROM audited) AS audit_id\nFROM written";

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
        String[] keys = keys().toArray(new String[0]);
        String[] data = new String[keys.length];
        Boolean[] deleted = new Boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            PushItem item = items.get(keys[i]);
            data[i] = item.dataJson();
            deleted[i] = item.deleted();
        }
        return Tuple.of(datasetId, keys, data, deleted);
    }
}
