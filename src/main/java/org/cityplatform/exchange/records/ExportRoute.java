package org.cityplatform.exchange.records;

import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.cityplatform.exchange.access.DataUse;
import org.cityplatform.exchange.access.ReadAccess;
import org.cityplatform.exchange.access.ReadScope;
import org.cityplatform.exchange.audit.AuditAction;
import org.cityplatform.exchange.audit.AuditOutcome;
import org.cityplatform.exchange.audit.AuditTrail;
import org.cityplatform.exchange.audit.RequestAudit;
import org.cityplatform.exchange.audit.Requester;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.catalog.FieldDefinition;
import org.cityplatform.exchange.identity.SubjectType;
import org.cityplatform.exchange.objections.OpenObjections;
import org.cityplatform.exchange.infra.Draining;
import org.cityplatform.exchange.problem.Failures;
import org.cityplatform.exchange.problem.RateLimitedException;
import org.cityplatform.exchange.problem.RouteProblems;
import org.cityplatform.exchange.quota.Quotas;
import org.cityplatform.exchange.security.BearerAuthenticator;
import org.cityplatform.exchange.security.Caller;
import org.jboss.logging.Logger;

/**
 * GET /api/v1/datasets/{code}/export: the whole dataset (or its changes since a cursor) as one
 * consistent snapshot, streamed with backpressure from a cursor inside a read-only repeatable-read
 * transaction. A plain Vert.x route, because only here can reading follow the client's pace.
 */
@Singleton
public class ExportRoute {

    private static final Logger LOG = Logger.getLogger(ExportRoute.class);
    private static final CompletionStage<Void> ENDED = CompletableFuture.completedStage(null);
    static final int FETCH_ROWS = 4000;
    static final int CHUNK_BYTES = 64 * 1024;

    private final BearerAuthenticator authenticator;
    private final ReadAccess access;
    private final Pool pool;
    private final RecordMetrics metrics;
    private final AuditTrail audit;
    private final RequestAudit requestAudit;
    private final OpenObjections objections;
    private final Quotas quotas;

    @Inject
    Draining draining;

    @Inject
    ExportSettings settings;

    @Inject
    ExportCapacity capacity;

    ExportRoute(BearerAuthenticator authenticator, ReadAccess access, io.vertx.mutiny.sqlclient.Pool pool,
                RecordMetrics metrics, AuditTrail audit, RequestAudit requestAudit, OpenObjections objections,
                Quotas quotas) {
        this.quotas = quotas;
        this.objections = objections;
        this.audit = audit;
        this.requestAudit = requestAudit;
        this.authenticator = authenticator;
        this.access = access;
        this.pool = pool.getDelegate();
        this.metrics = metrics;
    }

    void install(@Observes Router router) {
        router.get("/api/v1/datasets/:code/export").order(-1000).handler(this::export);
    }

    private void export(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        ExportFormat format;
        ChangeCursor since;
        DataUse use;
        try {
            format = ExportFormat.fromAccept(ctx.request().getHeader("Accept"));
            use = DataUse.ofHeader(ctx.request().getHeader(DataUse.HEADER));
            String sinceText = ctx.request().getParam("since");
            since = sinceText == null || sinceText.isBlank() ? null : ChangeCursor.decode("since", sinceText);
            Requester.caseId(ctx.request());
        } catch (RuntimeException e) {
            requestAudit.refuse(ctx, AuditAction.EXPORT, code, null, null, e);
            return;
        }
        Caller[] caller = new Caller[1];
        Context context = Vertx.currentContext();
        authenticator.authenticate(ctx.request())
                .invoke(known -> caller[0] = known)
                .flatMap(known -> quotas.admit(known, admitted -> access.authorize(admitted, code, use)))
                // A slot only for an export that may run; taken last, so no refusal holds one.
                .flatMap(scope -> quotas.claimExport(caller[0]).map(slot -> new Admitted(scope, slot)))
                // The slot's Redis answer may arrive on another loop: the export runs on the request's.
                .emitOn(command -> context.runOnContext(v -> command.run()))
                .subscribe().with(admitted -> open(ctx, admitted, format, since,
                                requestAudit.requester(ctx.request(), caller[0])),
                        failure -> requestAudit.refuse(ctx, AuditAction.EXPORT, code, null, caller[0], failure));
    }

    /** An export allowed to start: what the caller may read, and its hold on its agency's export quota. */
    private record Admitted(ReadScope scope, Quotas.Slot slot) {
    }

    /*
     * Two events per export (Art. 31): one before the first byte leaves, naming the snapshot's
     * cursor range (no data without its event), and one at the end with the rows sent and whether
     * the stream completed.
     */
    private void open(RoutingContext ctx, Admitted admitted, ExportFormat format, ChangeCursor since, Requester requester) {
        ReadScope scope = admitted.scope();
        // However the response ends (completed, failed, client gone), the slot is given back.
        ctx.addEndHandler(v -> admitted.slot().release());
        List<String> fields = scope.dataset().fields().stream().map(FieldDefinition::name)
                .filter(scope.allowed().fields()::contains).toList();
        ExportQuery query = new ExportQuery(format, fields, scope.hiddenFields(), since,
                objections.jsonByKey(scope.dataset().code()));
        stream(ctx, scope.dataset(), query, format, since, requester, admitted.slot());
    }

    /**
     * Open data (Art. 23, 25): streams the current records of an open dataset with only its
     * published fields, to a caller without login, audited as an EXPORT of {@code requester}
     * like every other export. {@code done} runs once the export has ended, however it ended
     * (the caller's limit on concurrent exports is released there).
     */
    public void exportPublished(RoutingContext ctx, CatalogEntry dataset, List<String> fields, boolean keyed,
                                Requester requester, Runnable done) {
        ExportFormat format;
        try {
            format = ExportFormat.fromAccept(ctx.request().getHeader("Accept"));
        } catch (RuntimeException e) {
            done.run();
            audit.record(requester.failed(AuditAction.EXPORT, dataset.code(), null, Failures.codeOf(e)))
                    .subscribe().with(v -> RouteProblems.send(ctx, e), auditFailure -> RouteProblems.send(ctx, auditFailure));
            return;
        }
        ExportQuery query = ExportQuery.published(format, fields, keyed, dataset.subjectType() == SubjectType.PERSON);
        stream(ctx, dataset, query, format, null, requester, () -> {
            done.run();
            return ENDED;
        });
    }

    private void stream(RoutingContext ctx, CatalogEntry dataset, ExportQuery query, ExportFormat format,
                        ChangeCursor since, Requester requester, Quotas.Slot quotaSlot) {
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
        pool.getConnection().onFailure(e -> {
            slot.release();
            RouteProblems.send(ctx, e);
        }).onSuccess(conn -> conn.begin()
                .compose(tx -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
                        // The first statement fixes the snapshot; its xmin is where the change feed resumes.
                        .compose(v -> conn.query(RecordStore.WATERMARK).execute())
                        .compose(rows -> conn.prepare(query.sql).compose(ps -> {
                            String cursor = ChangeCursor.before(Long.parseLong(rows.iterator().next().getString(0))).encode();
                            String from = since == null ? null : since.encode();
                            String code = dataset.code();
                            return UniHelper.toFuture(audit.record(requester.ok(AuditAction.EXPORT, code, null, null, from, cursor)))
                                    .map(v -> {
                                        RowStream<Row> stream = ps.createStream(FETCH_ROWS, query.parameters(dataset.id()));
                                        new Transfer(ctx, context, conn, tx, stream, query, slot, ended -> audit.record(requester.event(
                                                AuditAction.EXPORT, code, null, ended.rows(), from, cursor,
                                                ended.complete() ? AuditOutcome.OK : AuditOutcome.FAILED, null))
                                                .subscribe().with(ok -> { }, e -> LOG.errorf(
                                                        "end of export %s not audited: %s", code, e.toString())))
                                                .start(format, cursor);
                                        return ps;
                                    });
                        })))
                .onFailure(e -> {
                    conn.close();
                    slot.release();
                    RouteProblems.send(ctx, e);
                }));
    }

    /** How an export ended: the rows that left, and whether the stream completed. */
    private record Ended(long rows, boolean complete) {
    }

    /** One running export: rows in, buffered bytes out, paced by the client. */
    private final class Transfer {
        private final RoutingContext ctx;
        private final HttpServerResponse response;
        private final SqlConnection conn;
        private final Transaction tx;
        private final RowStream<Row> stream;
        private final ExportQuery query;
        private final Consumer<Ended> onEnd;
        private final Quotas.Slot slot;
        // The request's event loop, where the response is written: the slot's release completes on Redis's.
        private final Context context;
        private Buffer chunk = Buffer.buffer(CHUNK_BYTES + 4096);
        private long rows;
        private long rowsSent;
        private boolean finished;
        private long stallTimer = -1;
        private long deadlineTimer = -1;
        private Runnable leaveDrain = () -> { };

        Transfer(RoutingContext ctx, Context context, SqlConnection conn, Transaction tx, RowStream<Row> stream, ExportQuery query,
                 Quotas.Slot slot, Consumer<Ended> onEnd) {
            this.ctx = ctx;
            this.context = context;
            this.slot = slot;
            this.onEnd = onEnd;
            this.response = ctx.response();
            this.conn = conn;
            this.tx = tx;
            this.stream = stream;
            this.query = query;
        }

        void start(ExportFormat format, String cursor) {
            // A shutdown cuts the stream like any failure: the client never sees a clean end.
            leaveDrain = draining.exporting(() -> fail(new IllegalStateException("instance shutting down")));
            metrics.exportsOpen.incrementAndGet();
            deadlineTimer = context.owner().setTimer(settings.maxDuration().toMillis(), id -> fail(
                    new IllegalStateException("still streaming after " + settings.maxDuration())));
            response.setChunked(true)
                    .putHeader("Content-Type", format.contentType)
                    .putHeader("X-Export-Cursor", cursor)
                    .putHeader("Cache-Control", "no-store");
            response.closeHandler(v -> {
                if (!finished) {
                    LOG.debugf("export client went away after %d rows", rows);
                    release(false);
                }
            });
            query.appendHeader(chunk);
            stream.exceptionHandler(this::fail);
            stream.endHandler(v -> complete());
            stream.handler(row -> {
                query.appendRow(chunk, row);
                rows++;
                if (chunk.length() >= CHUNK_BYTES) {
                    send();
                    if (response.writeQueueFull()) {
                        // The snapshot and its connection wait for this client: not for ever.
                        stream.pause();
                        stallTimer = context.owner().setTimer(settings.stallTimeout().toMillis(), id -> fail(
                                new IllegalStateException("its client read nothing for " + settings.stallTimeout())));
                        response.drainHandler(d -> {
                            context.owner().cancelTimer(stallTimer);
                            stream.resume();
                        });
                    }
                }
            });
        }

        private void send() {
            response.write(chunk);
            metrics.exportRows.increment(rows);
            rowsSent += rows;
            rows = 0;
            chunk = Buffer.buffer(CHUNK_BYTES + 4096);
        }

        private void complete() {
            if (finished) {
                return;
            }
            send();
            finished = true;
            // The end leaves only once the caller's export slot is back in Redis (or its release
            // timed out): a client that starts its next export on reading the end must not find
            // this one still counted. The wait is bounded by the quota's Redis timeout.
            slot.release().whenComplete((v, e) -> context.runOnContext(x -> {
                response.end();
                release(true);
            }));
        }

        private void fail(Throwable e) {
            LOG.errorf("export of %s aborted: %s", ctx.pathParam("code"), e.toString());
            if (!finished) {
                // Never a clean end that looks complete: the client sees the connection cut.
                finished = true;
                response.reset();
                release(false);
            }
        }

        private void release(boolean commit) {
            finished = true;
            context.owner().cancelTimer(stallTimer);
            context.owner().cancelTimer(deadlineTimer);
            leaveDrain.run();
            onEnd.accept(new Ended(rowsSent, commit));
            slot.release();
            metrics.exportsOpen.decrementAndGet();
            stream.close();
            (commit ? tx.commit() : tx.rollback()).onComplete(ar -> conn.close());
        }
    }
}
