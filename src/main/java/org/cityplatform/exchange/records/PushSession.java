package org.cityplatform.exchange.records;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.catalog.SharingClass;
import org.cityplatform.exchange.ops.Draining;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.RouteProblems;
import org.jboss.logging.Logger;

/**
 * One push in progress: bytes in, items parsed and validated, batches upserted on one connection
 * in order. At most {@code maxInFlight} statements are queued; beyond that the socket is paused
 * until one completes, so a slow database slows the client instead of filling memory. The answer
 * is sent only after every accepted item committed.
 */
final class PushSession implements NdjsonLines.Sink, ElementSink {

    static final int MAX_LINE = 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(PushSession.class);
    private static final Throwable SHUTTING_DOWN = new IllegalStateException("shutting down");

    private final RoutingContext ctx;
    private final HttpServerRequest request;
    private final SqlConnection conn;
    private final Transaction tx; // atomic pushes only
    private final CatalogEntry dataset;
    private final ItemParser parser;
    private final PushSettings settings;
    private final RecordMetrics metrics;
    private final NdjsonLines lines;
    private final JsonArraySplitter array;
    private final PushSummary summary = new PushSummary();
    private final RecordCache cache;
    private final boolean cached;
    private final Context context;
    private final PushAudit audit;

    private PushBatch batch;
    private int inFlight;
    private boolean paused;
    private boolean inputEnded;
    private boolean finished;
    private boolean clientGone;
    private boolean invalidInAtomic;
    private Throwable failure;
    private long storedThroughLine;
    private long lastLineRead;
    private int batchesWritten;
    private final List<PushAudit.Sealable> toSealAtCommit = new ArrayList<>();
    private boolean storedContiguously = true;
    private Runnable leaveDrain = () -> { };

    PushSession(RoutingContext ctx, Context context, SqlConnection conn, Transaction tx, CatalogEntry dataset,
                ItemParser parser, PushFormat format, PushSettings settings, RecordMetrics metrics, RecordCache cache,
                PushAudit audit) {
        this.ctx = ctx;
        this.audit = audit;
        this.context = context;
        this.cache = cache;
        this.cached = dataset.sharingClass() == SharingClass.UNCONDITIONAL;
        this.request = ctx.request();
        this.conn = conn;
        this.tx = tx;
        this.dataset = dataset;
        this.parser = parser;
        this.settings = settings;
        this.metrics = metrics;
        this.lines = format == PushFormat.NDJSON ? new NdjsonLines(MAX_LINE, this) : null;
        this.array = format == PushFormat.JSON_ARRAY ? new JsonArraySplitter() : null;
        this.batch = new PushBatch(settings.batchSize());
    }

    /** Registers this push for a graceful shutdown: ended visibly if its body still streams at the deadline. */
    PushSession drainedBy(Draining draining) {
        leaveDrain = draining.pushing(this::endForShutdown);
        return this;
    }

    /*
     * The push drain is over: read no more, store nothing more, and once the batches already sent
     * settled, answer like a database failure (503 with storedThroughLine), so the answer never
     * claims more than committed. A body that was read to its end finishes by itself.
     */
    private void endForShutdown() {
        if (finished || inputEnded || failure != null) {
            return;
        }
        LOG.warnf("push to %s ended by shutdown after line %d", dataset.code(), lastLineRead);
        failure = SHUTTING_DOWN;
        if (!paused) {
            paused = true;
            request.pause();
        }
        finishWhenSettled();
    }

    void start(ChangeCursor cursor) {
        summary.cursor = cursor.encode();
        metrics.pushesOpen.incrementAndGet();
        request.handler(this::chunk);
        request.endHandler(v -> endOfInput());
        request.exceptionHandler(this::clientFailed);
        ctx.response().closeHandler(v -> {
            if (!finished) {
                clientFailed(null);
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            ctx.response().writeContinue();
        }
        request.resume();
    }

    private void chunk(Buffer buffer) {
        if (inputEnded) {
            return;
        }
        byte[] bytes = buffer.getBytes();
        if (lines != null) {
            lines.feed(bytes, 0, bytes.length);
        } else {
            array.feed(bytes, 0, bytes.length, this);
        }
    }

    // --- items

    @Override
    public void line(long number, byte[] bytes, int offset, int length) {
        parsed(parser.parse(number, bytes, offset, length));
    }

    @Override
    public void tooLong(long number, long length) {
        rejected(ItemParser.tooLong(number, length));
    }

    @Override
    public void element(long index, byte[] bytes, int offset, int length) {
        parsed(parser.parse(index, bytes, offset, length));
    }

    @Override
    public void malformed(long index, String message) {
        rejected(new ItemError(index, null, ItemCode.MALFORMED_JSON, message));
    }

    private void parsed(ParsedItem parsed) {
        if (parsed instanceof PushItem item) {
            accepted(item);
        } else if (parsed instanceof ItemError error) {
            rejected(error);
        }
        // anything else is a blank line: not an item
    }

    private void accepted(PushItem item) {
        summary.received++;
        lastLineRead = item.line();
        if (invalidInAtomic || failure != null) {
            return;
        }
        batch.add(item);
        if (batch.valid() >= settings.batchSize()) {
            flush();
        }
    }

    private void rejected(ItemError error) {
        summary.received++;
        lastLineRead = Math.max(lastLineRead, error.line());
        summary.reject(error);
        metrics.pushedRejected.increment();
        if (tx != null && !invalidInAtomic) {
            // Atomic: nothing will be stored, but the rest is still read to report every invalid item.
            invalidInAtomic = true;
            batch = new PushBatch(settings.batchSize());
        }
    }

    // --- batches

    private void flush() {
        if (batch.isEmpty() || invalidInAtomic || failure != null || clientGone) {
            return;
        }
        PushBatch sent = batch;
        batch = new PushBatch(settings.batchSize());
        inFlight++;
        metrics.batchesInFlight.incrementAndGet();
        if (inFlight >= settings.maxInFlight() && !paused) {
            paused = true;
            request.pause();
        }
        if (cached && tx != null) {
            // Atomic: the keys stay uncacheable until well after the transaction can commit.
            inFlight++;
            cache.invalidate(dataset.id(), sent.keys(), true)
                    .subscribe().with(v -> onContext(this::invalidated), e -> onContext(this::invalidated));
        }
        PushAudit.PendingBatch pending = audit.batch(sent, dataset.id());
        conn.preparedQuery(pending.statement()).execute(pending.parameters())
                .onComplete(result -> onContext(() -> batchDone(sent, pending, result)));
    }

    private void invalidated() {
        inFlight--;
        resumeIfRoom();
        finishWhenSettled();
    }

    // Whatever completes last (a statement or a cache invalidation) must let the body flow again.
    private void resumeIfRoom() {
        if (paused && inFlight < settings.maxInFlight() && !inputEnded && failure == null && !clientGone) {
            paused = false;
            request.resume();
        }
    }

    // Database and Redis callbacks may arrive on other threads: all session state lives on the request's.
    private void onContext(Runnable step) {
        if (Vertx.currentContext() == context) {
            step.run();
        } else {
            context.runOnContext(v -> step.run());
        }
    }

    private void batchDone(PushBatch sent, PushAudit.PendingBatch pending, AsyncResult<RowSet<Row>> result) {
        inFlight--;
        metrics.batchesInFlight.decrementAndGet();
        if (result.failed()) {
            storedContiguously = false;
            if (failure == null) {
                failure = result.cause();
                LOG.errorf("push to %s stopped: %s", dataset.code(), result.cause().toString());
            }
        } else {
            Row counts = result.result().iterator().next();
            long changed = counts.getLong(0);
            String[] replaced = counts.getArrayOfStrings(1);
            long unchanged = sent.distinct() - changed;
            batchesWritten++;
            PushAudit.Sealable event = audit.written(pending, sent, counts);
            if (tx == null) {
                audit.seal(event);
            } else if (event != null) {
                toSealAtCommit.add(event);
            }
            summary.accepted += sent.valid() - unchanged;
            summary.unchanged += unchanged;
            if (storedContiguously) {
                storedThroughLine = sent.lastLine();
            }
            if (cached && tx == null && replaced != null && replaced.length > 0) {
                // The answer waits until cached copies of what this batch replaced are gone.
                inFlight++;
                cache.invalidate(dataset.id(), java.util.Arrays.asList(replaced), false)
                        .subscribe().with(v -> onContext(this::invalidated), e -> onContext(this::invalidated));
            }
        }
        resumeIfRoom();
        finishWhenSettled();
    }

    private void endOfInput() {
        if (inputEnded) {
            return;
        }
        if (lines != null) {
            lines.end();
        } else {
            array.end(this);
        }
        inputEnded = true;
        flush();
        finishWhenSettled();
    }

    private void clientFailed(Throwable cause) {
        if (clientGone || finished) {
            return;
        }
        if (cause != null) {
            LOG.warnf("push to %s ended by its client or connection: %s", dataset.code(), cause.toString());
        }
        clientGone = true;
        inputEnded = true;
        finishWhenSettled();
    }

    // --- the answer

    private void finishWhenSettled() {
        if (finished || inFlight > 0 || !(inputEnded || failure != null)) {
            return;
        }
        finished = true;
        leaveDrain.run();
        metrics.pushesOpen.decrementAndGet();
        if (clientGone) {
            // Nothing to answer. Partial pushes keep what committed; an atomic one keeps nothing.
            close(tx == null ? null : tx.rollback());
            return;
        }
        if (failure != null) {
            if (tx != null) {
                tx.rollback();
                summary.accepted = 0;
                summary.unchanged = 0;
            }
            respondUnavailable();
            return;
        }
        if (tx == null) {
            countStored();
            close(null);
            respondOnceAudited(200);
            return;
        }
        if (invalidInAtomic) {
            tx.rollback().onComplete(ar -> {
                conn.close();
                summary.accepted = 0;
                summary.unchanged = 0;
                audit.nothingStored(lastLineRead, ProblemCode.BATCH_REJECTED).onComplete(audited -> {
                    if (audited.failed()) {
                        RouteProblems.send(ctx, audited.cause());
                        return;
                    }
                    RouteProblems.send(ctx, ProblemCode.BATCH_REJECTED, summary.rejected
                            + " invalid item(s): nothing of this atomic push was stored", summaryMembers());
                });
            });
            return;
        }
        tx.commit().onComplete(ar -> {
            if (ar.succeeded()) {
                toSealAtCommit.forEach(audit::seal);
                countStored();
                respondOnceAudited(200);
            } else {
                failure = ar.cause();
                summary.accepted = 0;
                summary.unchanged = 0;
                respondUnavailable();
            }
            conn.close();
        });
    }

    private void countStored() {
        metrics.pushedAccepted.increment(summary.accepted);
        metrics.pushedUnchanged.increment(summary.unchanged);
    }

    /**
     * Batches carry their own events; a push that wrote none (every item invalid or none sent) has
     * its event written first, and without it the caller hears 503 AUDIT_UNAVAILABLE.
     */
    private void respondOnceAudited(int status) {
        if (batchesWritten > 0) {
            respond(status);
            return;
        }
        audit.nothingStored(lastLineRead, null).onComplete(audited -> onContext(() -> {
            if (audited.succeeded()) {
                respond(status);
            } else {
                RouteProblems.send(ctx, audited.cause());
            }
        }));
    }

    private void respond(int status) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(summary.toJson().encode());
    }

    private void respondUnavailable() {
        String cause = failure == SHUTTING_DOWN ? "this instance shut down" : "the database failed";
        String detail = tx != null
                ? cause + " during this atomic push: nothing was stored; push it again"
                : cause + " during this push: items through line " + storedThroughLine
                        + " are stored; push the rest again (identical items are reported unchanged)";
        Map<String, Object> members = summaryMembers();
        if (tx == null) {
            members.put("storedThroughLine", storedThroughLine);
        }
        ctx.response().putHeader("Connection", "close");
        RouteProblems.send(ctx, ProblemCode.UNAVAILABLE, detail, members);
        if (tx == null) {
            close(null);
        } else {
            conn.close();
        }
    }

    private Map<String, Object> summaryMembers() {
        return summary.toJson().getMap();
    }

    private void close(io.vertx.core.Future<Void> pending) {
        if (pending == null) {
            conn.close();
        } else {
            pending.onComplete(ar -> conn.close());
        }
    }
}
