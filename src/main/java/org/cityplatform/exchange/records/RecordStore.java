package org.cityplatform.exchange.records;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/** Reads of the records table on the reactive client: key lookup and the change feed. */
@ApplicationScoped
public class RecordStore {

    // Art. 24: fields outside the caller's grant never leave the database.
    private static final String FIND_MANY = "SELECT key, data::text, version, deleted, updated_at FROM records "
            + "WHERE dataset_id = $1 AND key = ANY($2::text[]) AND NOT deleted";
    private static final String FIND_MANY_PROJECTED = "SELECT key, (data - $3::text[])::text, version, deleted, "
            + "updated_at FROM records WHERE dataset_id = $1 AND key = ANY($2::text[]) AND NOT deleted";

    /*
     * A transaction's changes are handed out only once every transaction that started before it has
     * ended (txid below the snapshot's xmin). A change that commits late therefore still sorts after
     * any cursor already handed out, which a plain sequence cannot promise (docs/architecture.md).
     */
    // ORDER BY names the table's columns: an output column called txid (the text form) would sort
    // "10" before "9" and lose the index order.
    private static final String CHANGES = "SELECT r.key, (r.data - $5::text[])::text, r.version, r.deleted, r.updated_at, "
            + "r.txid::text AS position FROM records r WHERE r.dataset_id = $1 AND (r.txid, r.key) > ($2::text::xid8, $3) "
            + "AND r.txid < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY r.txid, r.key LIMIT $4";

    static final String WATERMARK = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text";
    /** The watermark and the whole snapshot, which the export's events keep (V22, Art. 31). */
    static final String SNAPSHOT = "SELECT pg_snapshot_xmin(s)::text, s::text FROM pg_current_snapshot() AS s";

    private final Pool pool;

    RecordStore(io.vertx.mutiny.sqlclient.Pool pool) {
        this.pool = pool.getDelegate();
    }

    /** The lookup bodies of the current records among these keys, without the hidden fields; absent keys left out. */
    public Future<Map<String, String>> lookupBodies(int datasetId, List<String> keys, String[] hidden) {
        String[] wanted = keys.toArray(new String[0]);
        var query = hidden.length == 0
                ? pool.preparedQuery(FIND_MANY).execute(Tuple.of(datasetId, (Object) wanted))
                : pool.preparedQuery(FIND_MANY_PROJECTED).execute(Tuple.of(datasetId, wanted, hidden));
        return query.map(rows -> {
            Map<String, String> bodies = new HashMap<>(rows.size() * 2);
            for (Row row : rows) {
                StoredRecord found = new StoredRecord(row.getString(0), row.getString(1), row.getLong(2),
                        row.getBoolean(3), row.getOffsetDateTime(4));
                bodies.put(found.key(), found.appendJson(new StringBuilder(512), false).toString());
            }
            return bodies;
        });
    }

    /** A page of the dataset's changes after the cursor, in commit order, without the hidden fields. */
    public Future<ChangePage> changes(int datasetId, ChangeCursor since, int limit, String[] hidden) {
        return pool.preparedQuery(CHANGES)
                .execute(Tuple.of(datasetId, Long.toString(since.txid()), since.key(), limit + 1, hidden))
                .map(rows -> page(rows, since, limit));
    }

    private static ChangePage page(RowSet<Row> rows, ChangeCursor since, int limit) {
        List<StoredRecord> changes = new ArrayList<>(Math.min(rows.size(), limit));
        ChangeCursor next = since;
        boolean more = false;
        for (Row row : rows) {
            if (changes.size() == limit) {
                more = true;
                break;
            }
            StoredRecord r = record(row);
            changes.add(r);
            next = new ChangeCursor(Long.parseLong(row.getString(5)), r.key());
        }
        return new ChangePage(changes, next, more);
    }

    static StoredRecord record(Row row) {
        return new StoredRecord(row.getString(0), row.getString(1), row.getLong(2), row.getBoolean(3),
                row.getOffsetDateTime(4));
    }
}
