package org.cityplatform.exchange.records;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of the records table on the reactive client: key lookup and the change feed. */
@ApplicationScoped
public class RecordStore {

    private static final String FIND = "SELECT key, data::text, version, deleted, updated_at FROM records "
            + "WHERE dataset_id = $1 AND key = $2 AND NOT deleted";
    // Art. 24: fields outside the caller's grant never leave the database.
    private static final String FIND_PROJECTED = "SELECT key, (data - $3::text[])::text, version, deleted, updated_at "
            + "FROM records WHERE dataset_id = $1 AND key = $2 AND NOT deleted";

    /*
     * A transaction's changes are handed out only once every transaction that started before it has
     * ended (txid below the snapshot's xmin). A change that commits late therefore still sorts after
     * any cursor already handed out, which a plain sequence cannot promise (ARCHITECTURE.md).
     */
    // ORDER BY names the table's columns: an output column called txid (the text form) would sort
    // "10" before "9" and lose the index order.
    private static final String CHANGES = "SELECT r.key, (r.data - $5::text[])::text, r.version, r.deleted, r.updated_at, "
            + "r.txid::text AS position FROM records r WHERE r.dataset_id = $1 AND (r.txid, r.key) > ($2::text::xid8, $3) "
            + "AND r.txid < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY r.txid, r.key LIMIT $4";

    static final String WATERMARK = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text";

    private final Pool pool;

    RecordStore(Pool pool) {
        this.pool = pool;
    }

    /** The current record, without the hidden fields; none when absent or removed. */
    public Uni<Optional<StoredRecord>> find(int datasetId, String key, String[] hidden) {
        var query = hidden.length == 0
                ? pool.preparedQuery(FIND).execute(Tuple.of(datasetId, key))
                : pool.preparedQuery(FIND_PROJECTED).execute(Tuple.of(datasetId, key, hidden));
        return query.map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? Optional.of(record(it.next())) : Optional.empty();
        });
    }

    public Uni<ChangePage> changes(int datasetId, ChangeCursor since, int limit, String[] hidden) {
        return pool.preparedQuery(CHANGES)
                .execute(Tuple.of(datasetId, Long.toString(since.txid()), since.key(), limit + 1, hidden))
                .map(rows -> page(rows, since, limit));
    }

    /** A cursor from which the feed includes every change that commits from now on. */
    public Uni<ChangeCursor> watermark() {
        return pool.query(WATERMARK).execute()
                .map(rows -> ChangeCursor.before(Long.parseLong(rows.iterator().next().getString(0))));
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
