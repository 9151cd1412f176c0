package org.cityplatform.exchange.records;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.infra.Draining;
import org.cityplatform.exchange.records.PushAnswer.Stop;
import org.cityplatform.exchange.problem.ProblemCode;
import org.jboss.logging.Logger;

/**
 * One push in progress: bytes in, items parsed and validated, batches written on one connection
 * in order. At most {@code maxInFlight} statements are queued; beyond that the socket is paused
 * until one completes, so a slow database slows the client instead of filling memory. The answer
 * is sent only after every accepted item committed.
 *
 * <p>Every push ends, whatever its client does: a body that stalls for the idle timeout, or a push
 * still streaming at its maximum duration, is ended with 408; a body that cannot be decoded with
 * 400; a client that leaves is let go; a shutdown ends it with 503. Whichever way it ends, its
 * connection goes back to the pool with nothing left open on it.
 *
 * <p>The HTTP side is a {@link PushClient}: what the push needs of its request and response, so
 * that its states can be driven without a server.
 */
final class PushSession implements PushBody.Sink {

    static final int MAX_LINE = 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(PushSession.class);

    private final PushClient client;
    private final boolean atomic;
    private final CatalogEntry dataset;
    private final ItemParser parser;
    private final PushSettings settings;
    private final RecordMetrics metrics;
    private final PushBody body;
    private final PushSummary summary = new PushSummary();
    private final PushWriter writer;
    private final PushAnswer answer;
    private final Context context;
    private final Runnable releaseSlot;

    /** Where a push stands; each step is one-way, and every phase but READING waits only to settle. */
    private enum Phase {
        /** The body flows, or waits paused for the database. */
        READING,
        /** The body was read to its end: the answer waits for the statements in flight. */
        READ,
        /** Stopped before its end ({@code stop} says why): reads no more, answers once settled. */
        STOPPED,
        /** The client left: nobody to answer; the connection goes back once settled. */
        CLIENT_GONE,
        /** Answered or let go: slot, timers and drain registration given back. */
        FINISHED
    }

    private PushBatch batch;
    private Phase phase = Phase.READING;
    // Whether the body is paused: by the push (room, held input, a stop), never by the client.
    private boolean paused;
    private boolean invalidInAtomic;
    // Why the push stops short of storing its body: set with STOPPED, or by a database failure later on.
    private Stop stop;
    private long lastLineRead;
    private long validItems;
    private long lastInputNanos;
    private long idleTimer = -1;
    private long deadlineTimer = -1;
    private Runnable leaveDrain = () -> { };

    PushSession(RoutingContext ctx, Context context, SqlConnection conn, boolean atomic, CatalogEntry dataset,
                ItemParser parser, PushFormat format, PushSettings settings, RecordMetrics metrics, RecordCache cache,
                PushAudit audit, Runnable releaseSlot) {
        this(new HttpPushClient(ctx), context, conn, atomic, dataset, parser, format, settings, metrics, cache, audit,
                releaseSlot);
    }

    PushSession(PushClient client, Context context, SqlConnection conn, boolean atomic, CatalogEntry dataset,
                ItemParser parser, PushFormat format, PushSettings settings, RecordMetrics metrics, RecordCache cache,
                PushAudit audit, Runnable releaseSlot) {
        this.client = client;
        this.context = context;
        this.atomic = atomic;
        this.dataset = dataset;
        this.parser = parser;
        this.settings = settings;
        this.metrics = metrics;
        this.releaseSlot = releaseSlot;
        this.writer = new PushWriter(conn, atomic, dataset, cache, metrics, audit, summary, this::onContext,
                this::settled, this::databaseFailed);
        this.answer = new PushAnswer(client, atomic, summary, audit, this::onContext);
        // A timer, not runOnContext: the loop serves its sockets before the next turn of this body.
        this.body = PushBody.of(format, client.contentEncoding(), this, this::hasRoom,
                step -> context.owner().setTimer(1, id -> step.run()));
        this.batch = new PushBatch(settings.batchSize());
    }

    /** Registers this push for a graceful shutdown: ended visibly if its body still streams at the deadline. */
    PushSession drainedBy(Draining draining) {
        leaveDrain = draining.pushing(() -> stopReading(PushAnswer.SHUTTING_DOWN));
        return this;
    }

    void start(ChangeCursor cursor) {
        summary.cursor = cursor.encode();
        metrics.pushesOpen.incrementAndGet();
        client.listen(new PushClient.Listener() {
            @Override
            public void bytes(Buffer chunk) {
                received(chunk);
            }

            @Override
            public void bodyEnded() {
                body.end();
            }

            @Override
            public void failed(Throwable cause) {
                clientFailed(cause);
            }

            @Override
            public void gone() {
                clientFailed(null);
            }
        });
        Vertx vertx = context.owner();
        lastInputNanos = System.nanoTime();
        idleTimer = vertx.setTimer(settings.idleTimeout().toMillis(), id -> checkIdle());
        deadlineTimer = vertx.setTimer(settings.maxDuration().toMillis(), id -> stopReading(new Stop(
                ProblemCode.REQUEST_TIMEOUT, "the push was still streaming after the maximum of "
                        + settings.maxDuration().toSeconds() + " s; push the rest in another request")));
        if (client.gone()) {
            // The client left while the push was being admitted: its close was before our handler.
            clientFailed(null);
            return;
        }
        if (client.expectsContinue()) {
            client.writeContinue();
        }
        client.resume();
    }

    private void received(Buffer chunk) {
        lastInputNanos = System.nanoTime();
        body.feed(chunk);
        if (body.holdsInput() && !paused) {
            // Read no more until what arrived is cut into items (see drained).
            pause();
        }
    }

    private void pause() {
        paused = true;
        client.pause();
    }

    /*
     * One timer, re-armed for what is left of the idle time: a timer a chunk would cost more than
     * the chunk. Time the push spends paused for the database is not the client's.
     */
    private void checkIdle() {
        if (phase != Phase.READING) {
            return;
        }
        long idleNanos = settings.idleTimeout().toNanos();
        long quietNanos = System.nanoTime() - lastInputNanos;
        if (paused || quietNanos < idleNanos) {
            long waitMillis = paused ? settings.idleTimeout().toMillis() : (idleNanos - quietNanos) / 1_000_000 + 1;
            idleTimer = context.owner().setTimer(waitMillis, id -> checkIdle());
            return;
        }
        stopReading(new Stop(ProblemCode.REQUEST_TIMEOUT, "no bytes of the body arrived for "
                + settings.idleTimeout().toSeconds() + " s"));
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

    @Override
    public void undecodable(String reason) {
        stopReading(new Stop(ProblemCode.MALFORMED_BODY, reason));
    }

    @Override
    public void drained() {
        if (paused && hasRoom() && phase == Phase.READING) {
            paused = false;
            client.resume();
        }
    }

    @Override
    public void ended() {
        endOfInput();
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
        if (invalidInAtomic || stop != null) {
            return;
        }
        validItems++;
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
        if (atomic && !invalidInAtomic) {
            // Atomic: nothing will be stored, but the rest is still read to report every invalid item.
            invalidInAtomic = true;
            batch = new PushBatch(settings.batchSize());
        }
    }

    // --- batches

    private boolean hasRoom() {
        return writer.inFlight() < settings.maxInFlight() && stop == null
                && (phase == Phase.READING || phase == Phase.READ);
    }

    private void flush() {
        if (batch.isEmpty() || invalidInAtomic || stop != null || !(phase == Phase.READING || phase == Phase.READ)) {
            return;
        }
        PushBatch sent = batch;
        batch = new PushBatch(settings.batchSize());
        writer.write(sent);
        if (writer.inFlight() >= settings.maxInFlight() && !paused) {
            pause();
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

    // A statement or a cache invalidation completed: whatever completes last lets the body flow again.
    private void settled() {
        if (hasRoom()) {
            body.pump(); // ends in drained() once what waits is cut
        }
        finishWhenSettled();
    }

    // No more is stored; the body is left as it is: with no room, it is cut no further.
    private void databaseFailed(Throwable cause) {
        if (stop == null) {
            stop = PushAnswer.DATABASE_FAILED;
            LOG.errorf("push to %s stopped: %s", dataset.code(), cause.toString());
            if (phase == Phase.READING) {
                phase = Phase.STOPPED;
            }
        }
    }

    private void endOfInput() {
        if (phase != Phase.READING) {
            return;
        }
        phase = Phase.READ;
        flush();
        finishWhenSettled();
    }

    /* Reads no more and stores nothing more; answers once the statements already sent settled. */
    private void stopReading(Stop why) {
        if (phase != Phase.READING) {
            return;
        }
        LOG.warnf("push to %s ended after line %d: %s", dataset.code(), lastLineRead, why.reason());
        phase = Phase.STOPPED;
        stop = why;
        body.discard();
        if (!paused) {
            pause();
        }
        finishWhenSettled();
    }

    private void clientFailed(Throwable cause) {
        if (phase == Phase.CLIENT_GONE || phase == Phase.FINISHED) {
            return;
        }
        if (cause != null) {
            LOG.warnf("push to %s ended by its client or connection: %s", dataset.code(), cause.toString());
        }
        phase = Phase.CLIENT_GONE;
        body.discard();
        finishWhenSettled();
    }

    // --- the answer

    private void finishWhenSettled() {
        if (phase == Phase.READING || phase == Phase.FINISHED || writer.inFlight() > 0) {
            return;
        }
        boolean clientGone = phase == Phase.CLIENT_GONE;
        phase = Phase.FINISHED;
        Vertx vertx = context.owner();
        vertx.cancelTimer(idleTimer);
        vertx.cancelTimer(deadlineTimer);
        leaveDrain.run();
        releaseSlot.run();
        metrics.pushesOpen.decrementAndGet();
        if (clientGone) {
            // Nothing to answer. Partial pushes keep what committed; an atomic one keeps nothing.
            afterNotingThePush(writer::release);
        } else if (stop != null) {
            afterNotingThePush(() -> {
                writer.release();
                answer.stopped(stop, writer.wroteAny(), writer.storedThroughLine(), lastLineRead);
            });
        } else if (invalidInAtomic) {
            writer.release();
            answer.batchRejected(lastLineRead);
        } else if (atomic && writer.staged()) {
            writer.writeStaged(lastLineRead, validItems).onComplete(written -> onContext(() -> {
                if (written.failed()) {
                    writer.release();
                    databaseFailed(written.cause());
                    answer.stopped(stop, false, 0, lastLineRead);
                } else {
                    countStored();
                    afterNotingThePush(() -> {
                        writer.release();
                        answer.stored(true, lastLineRead);
                    });
                }
            }));
        } else {
            countStored();
            afterNotingThePush(() -> {
                writer.release();
                answer.stored(writer.wroteAny(), lastLineRead);
            });
        }
    }

    /*
     * A push that committed items, changed or unchanged, is noted for the assessment (issue 18)
     * before its answer, so the catalog shows it once the provider hears back. Its items are
     * stored whatever happens to the note: a failed note is logged, not answered.
     */
    private void afterNotingThePush(Runnable then) {
        if (summary.accepted + summary.unchanged == 0) {
            then.run();
            return;
        }
        writer.notePushed().onComplete(noted -> onContext(() -> {
            if (noted.failed()) {
                LOG.warnf("push to %s stored, but its day was not noted: %s", dataset.code(), noted.cause().toString());
            }
            then.run();
        }));
    }

    private void countStored() {
        metrics.pushedAccepted.increment(summary.accepted);
        metrics.pushedUnchanged.increment(summary.unchanged);
    }
}
