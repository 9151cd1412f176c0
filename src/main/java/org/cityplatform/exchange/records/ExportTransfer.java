package org.cityplatform.exchange.records;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.function.Consumer;
import org.cityplatform.exchange.infra.Draining;
import org.cityplatform.exchange.quota.Quotas;
import org.jboss.logging.Logger;

/**
 * One running export: rows in from the snapshot's row stream, buffered bytes out, paced by the
 * client. It owns the connection and its transaction from its start, and ends them, the slot and
 * its timers once, however the export ends: completed, failed, cut off, or its client gone.
 */
final class ExportTransfer {

    private static final Logger LOG = Logger.getLogger(ExportTransfer.class);
    static final int CHUNK_BYTES = 64 * 1024;

    /** How an export ended: the rows that left, and whether the stream completed. */
    record Ended(long rows, boolean complete) {
    }

    private final ExportSettings settings;
    private final Draining draining;
    private final RecordMetrics metrics;
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

    ExportTransfer(ExportSettings settings, Draining draining, RecordMetrics metrics, RoutingContext ctx,
                   Context context, SqlConnection conn, Transaction tx, RowStream<Row> stream, ExportQuery query,
                   Quotas.Slot slot, Consumer<Ended> onEnd) {
        this.settings = settings;
        this.draining = draining;
        this.metrics = metrics;
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

    /** Sends the headers, {@code cursor} among them, and lets the rows flow. */
    void start(String cursor) {
        // A shutdown cuts the stream like any failure: the client never sees a clean end.
        leaveDrain = draining.exporting(() -> fail(new IllegalStateException("instance shutting down")));
        metrics.exportsOpen.incrementAndGet();
        deadlineTimer = context.owner().setTimer(settings.maxDuration().toMillis(), id -> fail(
                new IllegalStateException("still streaming after " + settings.maxDuration())));
        response.setChunked(true)
                .putHeader("Content-Type", query.format().contentType)
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
