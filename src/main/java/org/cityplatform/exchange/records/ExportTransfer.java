package org.cityplatform.exchange.records;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
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
 *
 * <p>The HTTP side is an {@link ExportClient}: what the export needs of its response, so that its
 * states can be driven without a server.
 */
final class ExportTransfer {

    private static final Logger LOG = Logger.getLogger(ExportTransfer.class);
    static final int CHUNK_BYTES = 64 * 1024;

    /** How an export ended: the rows that left, and whether the stream completed. */
    record Ended(long rows, boolean complete) {
    }

    /** Where an export stands; each step is one-way but the wait for a slow client. */
    private enum Phase {
        /** Rows flow from the snapshot to the client. */
        STREAMING,
        /** The client lags: the row stream is paused until it drains, for at most the stall timeout. */
        WAITING_FOR_CLIENT,
        /** Every row was written: the end waits for the slot's release. */
        ENDING,
        /** Ended, completed or not: connection, transaction, slot, timers and drain registration given back. */
        ENDED
    }

    private final ExportSettings settings;
    private final Draining draining;
    private final RecordMetrics metrics;
    private final ExportClient client;
    private final String dataset;
    private final SqlConnection conn;
    private final Transaction tx;
    private final RowStream<Row> stream;
    private final ExportQuery query;
    private final Consumer<Ended> onEnd;
    private final Quotas.Slot slot;
    // The request's event loop, where the response is written: the slot's release completes on Redis's.
    private final Context context;
    private Buffer chunk = Buffer.buffer(CHUNK_BYTES + 4096);
    private Phase phase = Phase.STREAMING;
    private long rows;
    private long rowsSent;
    private long stallTimer = -1;
    private long deadlineTimer = -1;
    private Runnable leaveDrain = () -> { };

    ExportTransfer(ExportSettings settings, Draining draining, RecordMetrics metrics, ExportClient client,
                   String dataset, Context context, SqlConnection conn, Transaction tx, RowStream<Row> stream,
                   ExportQuery query, Quotas.Slot slot, Consumer<Ended> onEnd) {
        this.settings = settings;
        this.draining = draining;
        this.metrics = metrics;
        this.client = client;
        this.dataset = dataset;
        this.context = context;
        this.slot = slot;
        this.onEnd = onEnd;
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
        client.head(query.format().contentType, cursor);
        client.onGone(this::clientGone);
        query.appendHeader(chunk);
        stream.exceptionHandler(this::fail);
        stream.endHandler(v -> complete());
        stream.handler(this::row);
    }

    private boolean running() {
        return phase == Phase.STREAMING || phase == Phase.WAITING_FOR_CLIENT;
    }

    private void row(Row row) {
        query.appendRow(chunk, row);
        rows++;
        if (chunk.length() < CHUNK_BYTES) {
            return;
        }
        send();
        if (client.writeQueueFull()) {
            // The snapshot and its connection wait for this client: not for ever.
            phase = Phase.WAITING_FOR_CLIENT;
            stream.pause();
            stallTimer = context.owner().setTimer(settings.stallTimeout().toMillis(), id -> fail(
                    new IllegalStateException("its client read nothing for " + settings.stallTimeout())));
            client.onDrain(this::clientDrained);
        }
    }

    private void clientDrained() {
        context.owner().cancelTimer(stallTimer);
        if (phase == Phase.WAITING_FOR_CLIENT) {
            phase = Phase.STREAMING;
            stream.resume();
        }
    }

    private void send() {
        client.write(chunk);
        metrics.exportRows.increment(rows);
        rowsSent += rows;
        rows = 0;
        chunk = Buffer.buffer(CHUNK_BYTES + 4096);
    }

    private void complete() {
        if (!running()) {
            return;
        }
        send();
        phase = Phase.ENDING;
        // The end leaves only once the caller's export slot is back in Redis (or its release
        // timed out): a client that starts its next export on reading the end must not find
        // this one still counted. The wait is bounded by the quota's Redis timeout.
        slot.release().onComplete(done -> context.runOnContext(x -> {
            client.end();
            release(true);
        }));
    }

    private void fail(Throwable e) {
        LOG.errorf("export of %s aborted: %s", dataset, e.toString());
        if (running()) {
            // Never a clean end that looks complete: the client sees the connection cut.
            phase = Phase.ENDED;
            client.reset();
            release(false);
        }
    }

    private void clientGone() {
        if (running()) {
            LOG.debugf("export client went away after %d rows", rowsSent + rows);
            phase = Phase.ENDED;
            release(false);
        }
    }

    /* A completed export gave its slot back before its end; any other gives it back here. */
    private void release(boolean commit) {
        phase = Phase.ENDED;
        context.owner().cancelTimer(stallTimer);
        context.owner().cancelTimer(deadlineTimer);
        leaveDrain.run();
        onEnd.accept(new Ended(rowsSent, commit));
        if (!commit) {
            slot.release();
        }
        metrics.exportsOpen.decrementAndGet();
        stream.close();
        (commit ? tx.commit() : tx.rollback()).onComplete(ar -> conn.close());
    }
}
