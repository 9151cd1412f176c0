package org.cityplatform.exchange.audit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One hash chain and the group-commit writer that extends it, living on one event loop (its
 * home): requests of that loop hand it their events without a thread hand-over, it links them
 * into the chain and appends what waits to the chain's journal, up to {@code statementsInFlight}
 * appends at once, and completes the waiting requests where they wait once their events are on
 * disk. {@link AuditShipper} moves them into PostgreSQL afterwards.
 */
final class AuditLane {

    private static final Logger LOG = Logger.getLogger(AuditLane.class);
    private static final long RETRY_MILLIS = 200;

    static final String REGISTER = "INSERT INTO audit_chains (chain, seq, hash, anchor_hash) VALUES ($1, 0, $2, $2) "
            + "ON CONFLICT (chain) DO NOTHING";

    private final Vertx vertx;
    private final Pool pool;
    private final AuditWriter writer;
    private final AuditJournal journal;
    private final String chain;
    private final byte[] genesis;
    private final Context home;
    private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final MessageDigest digest = AuditChain.sha256();
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private long seq;
    private byte[] head;
    private long committedSeq;
    private byte[] committedHead;
    private int inFlight;
    private boolean broken;
    private long retryAfterNanos = System.nanoTime();
    private int failuresInARow;

    AuditLane(Vertx vertx, Pool pool, AuditWriter writer, String chain, Context home, AuditJournal journal) {
        this.vertx = vertx;
        this.pool = pool;
        this.writer = writer;
        this.chain = chain;
        this.home = home;
        this.journal = journal;
        this.genesis = AuditChain.genesis(chain);
        this.head = genesis;
        this.committedHead = genesis;
    }

    String chain() {
        return chain;
    }

    AuditJournal journal() {
        return journal;
    }

    /** Registers the chain, so that no other instance takes its first push events for a dead instance's. */
    Future<Void> register() {
        return pool.preparedQuery(REGISTER).execute(Tuple.of(chain, Buffer.buffer(genesis))).mapEmpty();
    }

    /**
     * Takes an entry on any thread; the lane's other state is only touched on its home loop. One
     * hand-over to the home loop at a time: under load the lane is busy and takes what waits as
     * each append completes, so most events cost no wake-up at all.
     */
    void add(Entry entry) {
        queue.add(entry);
        if (wakeScheduled.compareAndSet(false, true)) {
            home.runOnContext(v -> {
                wakeScheduled.set(false);
                flush();
            });
        }
    }

    private void flush() {
        while (inFlight < writer.statementsInFlight() && !broken && System.nanoTime() - retryAfterNanos >= 0
                && !queue.isEmpty()) {
            List<Entry> batch = new ArrayList<>(64);
            Entry next;
            while (batch.size() < writer.maxBatch() && (next = queue.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                return;
            }
            send(batch);
        }
    }

    private void send(List<Entry> batch) {
        long firstSeq = seq + 1;
        long s = seq;
        byte[] h = head;
        List<byte[]> records = new ArrayList<>(batch.size());
        for (Entry entry : batch) {
            s++;
            byte[] canonical = AuditChain.canonical(chain, s, entry.event);
            h = AuditChain.link(digest, h, canonical);
            records.add(JournalCodec.encode(entry.sealId, h, canonical));
        }
        long lastSeq = s;
        byte[] lastHead = h;
        // Tentatively advanced: the next batch links to this one before it is on disk.
        seq = lastSeq;
        head = lastHead;
        inFlight++;
        long started = System.nanoTime();
        journal.append(firstSeq, lastSeq, records)
                .onComplete(result -> home.runOnContext(v -> appended(batch, result.cause(), lastSeq, lastHead, started)));
    }

    private void appended(List<Entry> batch, Throwable failure, long lastSeq, byte[] lastHead, long started) {
        inFlight--;
        writer.dequeued(batch.size());
        if (failure == null) {
            if (lastSeq > committedSeq) {
                committedSeq = lastSeq;
                committedHead = lastHead;
            }
            if (failuresInARow > 0) {
                LOG.infof("audit journal writable again after %d failed appends", failuresInARow);
                failuresInARow = 0;
            }
            writer.flushed(batch.size(), System.nanoTime() - started, TimeUnit.NANOSECONDS);
            release(batch, null);
        } else {
            failed(batch, failure);
        }
        if (broken && inFlight == 0) {
            // Every append after the failed one failed with it: link on from what is on disk.
            seq = committedSeq;
            head = committedHead;
            broken = false;
            retryAfterNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS);
            vertx.setTimer(RETRY_MILLIS, id -> flush());
            return;
        }
        flush();
    }

    /*
     * Nothing of a failed append can be acknowledged: its waiting requests are refused (fail
     * closed, Art. 31). The seal of a push event committed with its records is kept and sent
     * again: the push was answered already, its event only waits for its place in the chain.
     */
    private void failed(List<Entry> batch, Throwable cause) {
        broken = true;
        if (failuresInARow++ == 0) {
            LOG.errorf("audit batch of %d events not journaled (requests are answered 503 until one is): %s",
                    batch.size(), cause.getMessage());
        }
        List<Entry> refused = new ArrayList<>(batch.size());
        for (Entry entry : batch) {
            if (entry.sealId != 0) {
                writer.queued();
                queue.add(entry);
            } else {
                refused.add(entry);
            }
        }
        writer.rejected(refused.size());
        release(refused, AuditWriter.unavailable(cause instanceof AuditJournal.JournalFullException
                ? "the audit journal is full" : "the audit trail cannot be written now"));
    }

    /** Completes each waiting request on its own event loop: its response is written from there. */
    private void release(List<Entry> entries, Throwable failure) {
        Map<Context, List<Promise<Void>>> byContext = new IdentityHashMap<>();
        for (Entry entry : entries) {
            if (entry.done != null) {
                byContext.computeIfAbsent(entry.origin, c -> new ArrayList<>()).add(entry.done);
            }
        }
        byContext.forEach((context, promises) -> {
            Runnable complete = () -> promises.forEach(p -> {
                if (failure == null) {
                    p.complete();
                } else {
                    p.fail(failure);
                }
            });
            if (context == null || context == Vertx.currentContext()) {
                complete.run();
            } else {
                context.runOnContext(v -> complete.run());
            }
        });
    }

    record Entry(AuditEvent event, long sealId, Context origin, Promise<Void> done) {
    }
}
