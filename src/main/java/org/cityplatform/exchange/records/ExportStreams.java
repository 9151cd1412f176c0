package org.cityplatform.exchange.records;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import jakarta.inject.Singleton;
import org.cityplatform.exchange.audit.AuditAction;
import org.cityplatform.exchange.audit.AuditOutcome;
import org.cityplatform.exchange.audit.AuditTrail;
import org.cityplatform.exchange.audit.BulkRead;
import org.cityplatform.exchange.audit.Requester;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.infra.AsyncBridges;
import org.cityplatform.exchange.infra.Draining;
import org.cityplatform.exchange.problem.Failures;
import org.cityplatform.exchange.problem.RateLimitedException;
import org.cityplatform.exchange.problem.RouteProblems;
import org.cityplatform.exchange.quota.Quotas;
import org.jboss.logging.Logger;

/**
 * Opens and runs the export streams of this instance, an agency's (records/ExportRoute) and open
 * data's (opendata/OpenExportRoute) alike: one consistent snapshot, streamed with backpressure
 * from a cursor inside a read-only repeatable-read transaction, so the database is read only as
 * fast as the client takes the bytes. The routes decide who may export what; from here on every
 * export is bounded and audited the same way.
 */
@Singleton
public class ExportStreams {

    private static final Logger LOG = Logger.getLogger(ExportStreams.class);
    static final int FETCH_ROWS = 4000;

    private final Pool pool;
    private final AuditTrail audit;
    private final ExportCapacity capacity;
    private final ExportSettings settings;
    private final Draining draining;
    private final RecordMetrics metrics;

    ExportStreams(io.vertx.mutiny.sqlclient.Pool pool, AuditTrail audit, ExportCapacity capacity,
                  ExportSettings settings, Draining draining, RecordMetrics metrics) {
        this.pool = pool.getDelegate();
        this.audit = audit;
        this.capacity = capacity;
        this.settings = settings;
        this.draining = draining;
        this.metrics = metrics;
    }

    /**
     * Streams the rows {@code query} selects from {@code dataset} as the response of {@code ctx},
     * audited as an EXPORT of {@code requester}. Call it on the request's event loop: the response
     * is written there. {@code quotaSlot} is released however the export ends (a refusal here
     * included), and a completed stream ends only once its release completed.
     *
     * <p>Two events per export (Art. 31): one before the first byte leaves, naming the snapshot's
     * cursor range (no data without its event), and one at the end with the rows sent and whether
     * the stream completed.
     */
    public void open(RoutingContext ctx, CatalogEntry dataset, ExportQuery query, Requester requester,
                     Quotas.Slot quotaSlot) {
        Runnable place;
        try {
            place = capacity.take();
        } catch (RateLimitedException e) {
            quotaSlot.release();
            audit.record(requester.failed(AuditAction.EXPORT, dataset.code(), null, Failures.codeOf(e)))
                    .subscribe().with(v -> RouteProblems.send(ctx, e), auditFailure -> RouteProblems.send(ctx, auditFailure));
            return;
        }
        Quotas.Slot slot = () -> {
            place.run();
            return quotaSlot.release();
        };
        Context context = Vertx.currentContext();
        ChangeCursor since = query.since();
        pool.getConnection().onFailure(e -> {
            slot.release();
            RouteProblems.send(ctx, e);
        }).onSuccess(conn -> conn.begin()
                .compose(tx -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
                        // The first statement fixes the snapshot; its xmin is where the change feed resumes.
                        .compose(v -> conn.query(RecordStore.SNAPSHOT).execute())
                        .compose(rows -> conn.prepare(query.sql).compose(ps -> {
                            Row snapshot = rows.iterator().next();
                            String cursor = ChangeCursor.before(Long.parseLong(snapshot.getString(0))).encode();
                            String from = since == null ? null : since.encode();
                            String code = dataset.code();
                            BulkRead carried = carried(query, snapshot.getString(1));
                            return AsyncBridges.future(audit.record(requester.ok(AuditAction.EXPORT, code, null, null, from, cursor)
                                            .carrying(carried)))
                                    .map(v -> {
                                        RowStream<Row> stream = ps.createStream(FETCH_ROWS, query.parameters(dataset.id()));
                                        new ExportTransfer(settings, draining, metrics, new HttpExportClient(ctx.response()),
                                                code, context, conn, tx, stream, query, slot, ended -> audit.record(requester.event(
                                                AuditAction.EXPORT, code, null, ended.rows(), from, cursor,
                                                ended.complete() ? AuditOutcome.OK : AuditOutcome.FAILED, null)
                                                .carrying(carried))
                                                .subscribe().with(ok -> { }, e -> LOG.errorf(
                                                        "end of export %s not audited: %s", code, e.toString())))
                                                .start(cursor);
                                        return ps;
                                    });
                        })))
                .onFailure(e -> {
                    conn.close();
                    slot.release();
                    RouteProblems.send(ctx, e);
                }));
    }

    /*
     * Both events of an export keep its snapshot, so that "who read this person" can tell whether
     * the key was in it (Art. 31, V22). An export without keys (open data of persons) carried none.
     */
    private static BulkRead carried(ExportQuery query, String snapshot) {
        if (!query.keyed()) {
            return null;
        }
        ChangeCursor since = query.since();
        return since == null ? BulkRead.export(snapshot) : BulkRead.exportOfChanges(snapshot, since.txid(), since.key());
    }
}
