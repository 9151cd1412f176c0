package org.cityplatform.exchange.audit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One hash chain and the group-commit writer that extends it, living on one event loop (its
 * home): requests of that loop hand it their events without a thread hand-over, it links them
 * into the chain and writes what waits with one statement, up to {@code statementsInFlight}
 * statements pipelined on its own connection, and completes the waiting requests where they wait.
 */
final class AuditLane {

    private static final Logger LOG = Logger.getLogger(AuditLane.class);
    private static final long RETRY_MILLIS = 200;
    // Data exceptions, integrity constraint violations (a row no partition takes), program limits
    // (an index row too large): the database refused what a batch holds, not the batch's being sent.
    private static final Set<String> DATA_CLASSES = Set.of("22", "23", "54");

    /*
     * New events, the sealing of push events and the chain's head: one statement, one commit.
     * The head row lets verification notice deleted newest events, and its seen_at tells other
     * instances this chain is alive. Several statements are in flight at once, pipelined on one
     * connection; each moves the head only from the event the previous one ended with ($24), and
     * fails whole otherwise, so a batch that failed takes every later one down with it and the
     * chain never has a hole.
     */
    static final String APPEND = """
            WITH appended AS (
                INSERT INTO audit_events (at, chain, seq, hash, agency, sub, action, dataset, subject, count,
                                          cursor_from, cursor_to, outcome, code, request_id, case_id)
                SELECT e.at, $1, e.seq, e.hash, e.agency, e.sub, e.action, e.dataset, e.subject, e.count,
                       e.cursor_from, e.cursor_to, e.outcome, e.code, e.request_id, e.case_id
                FROM unnest($2::timestamptz[], $3::bigint[], $4::bytea[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::bigint[], $11::text[], $12::text[], $13::text[],
                            $14::text[], $15::text[], $16::text[])
                     AS e(at, seq, hash, agency, sub, action, dataset, subject, count, cursor_from, cursor_to,
                          outcome, code, request_id, case_id)
                RETURNING 1
            ), sealed AS (
                UPDATE audit_events a SET seq = s.seq, hash = s.hash
                FROM unnest($17::bigint[], $18::timestamptz[], $19::bigint[], $20::bytea[]) AS s(id, at, seq, hash)
                WHERE a.id = s.id AND a.at = s.at AND a.chain = $1 AND a.hash IS NULL
                RETURNING 1
            ), head AS (
                INSERT INTO audit_chains (chain, seq, hash, anchor_hash, seen_at)
                SELECT $1, $21, $22, $23, now() WHERE (SELECT count(*) FROM appended) + (SELECT count(*) FROM sealed) >= 0
                ON CONFLICT (chain) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, seen_at = now()
                    WHERE audit_chains.seq = $24
                RETURNING 1
            )
            SELECT audit_chain_continues((SELECT count(*) FROM head) = 1, $1)
            """;

    static final String REGISTER = "INSERT INTO audit_chains (chain, seq, hash, anchor_hash) VALUES ($1, 0, $2, $2) "
            + "ON CONFLICT (chain) DO NOTHING";

    private final Vertx vertx;
    private final Pool pool;
    private final AuditWriter writer;
    private final String chain;
    private final byte[] genesis;
    private final Context home;
    private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
    /** Batches to send again, before anything new: the halves of a refused batch and those linked after it. */
    private final ArrayDeque<List<Entry>> resend = new ArrayDeque<>();
    private final MessageDigest digest = AuditChain.sha256();
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private long seq;
    private byte[] head;
    private Future<SqlConnection> writerConnection;
    private long committedSeq;
    private byte[] committedHead;
    private int inFlight;
    private boolean broken;
    /** The failure that broke the chain this round was the database refusing a batch's data. */
    private boolean splitting;
    private long retryAfterNanos = System.nanoTime();
    private int failuresInARow;

    AuditLane(Vertx vertx, Pool pool, AuditWriter writer, String chain, Context home) {
        this.vertx = vertx;
        this.pool = pool;
        this.writer = writer;
        this.chain = chain;
        this.home = home;
        this.genesis = AuditChain.genesis(chain);
        this.head = genesis;
        this.committedHead = genesis;
    }

    String chain() {
        return chain;
    }

    /** Registers the chain, so that no other instance takes its first push events for a dead instance's. */
    Future<Void> register() {
        return pool.preparedQuery(REGISTER).execute(Tuple.of(chain, Buffer.buffer(genesis))).mapEmpty();
    }

    /**
     * Takes an entry on any thread; the lane's other state is only touched on its home loop. One
     * hand-over to the home loop at a time: under load the lane is busy and takes what waits as
     * each statement completes, so most events cost no wake-up at all.
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
                && (!resend.isEmpty() || !queue.isEmpty())) {
            List<Entry> batch = resend.poll();
            if (batch == null) {
                batch = new ArrayList<>(64);
                Entry next;
                while (batch.size() < writer.maxBatch() && (next = queue.poll()) != null) {
                    batch.add(next);
                }
                if (batch.isEmpty()) {
                    return;
                }
            }
            send(batch);
        }
    }

    private void send(List<Entry> batch) {
        long previousSeq = seq;
        Batch statement = new Batch();
        long s = seq;
        byte[] h = head;
        for (Entry entry : batch) {
            s++;
            h = AuditChain.link(digest, h, chain, s, entry.event);
            statement.add(entry, s, h);
        }
        long lastSeq = s;
        byte[] lastHead = h;
        // Tentatively advanced: the next batch links to this one before it committed.
        seq = lastSeq;
        head = lastHead;
        inFlight++;
        long started = System.nanoTime();
        Tuple parameters = statement.tuple(chain, lastSeq, lastHead, genesis, previousSeq);
        connection().compose(conn -> conn.preparedQuery(APPEND).execute(parameters))
                .onComplete(result -> {
                    inFlight--;
                    writer.dequeued(batch.size());
                    if (result.succeeded()) {
                        if (lastSeq > committedSeq) {
                            committedSeq = lastSeq;
                            committedHead = lastHead;
                        }
                        if (failuresInARow > 0) {
                            LOG.infof("audit trail writable again after %d failed batches", failuresInARow);
                            failuresInARow = 0;
                        }
                        writer.flushed(batch.size(), System.nanoTime() - started, TimeUnit.NANOSECONDS);
                        release(batch, null);
                    } else {
                        failed(batch, result.cause());
                    }
                    if (broken && inFlight == 0) {
                        // Every batch after the failed one failed with it: link on from what committed.
                        seq = committedSeq;
                        head = committedHead;
                        broken = false;
                        if (splitting) {
                            // The database is well, one event was not: send the rest again at once.
                            splitting = false;
                            flush();
                            return;
                        }
                        retryAfterNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS);
                        vertx.setTimer(RETRY_MILLIS, id -> flush());
                        return;
                    }
                    flush();
                });
    }

    /*
     * One connection, its statements pipelined: PostgreSQL runs them in the order sent, so each
     * finds the head where the one before left it (or fails, when that one failed). Statements on
     * several connections could reach the head out of order.
     */
    private Future<SqlConnection> connection() {
        if (writerConnection == null) {
            Future<SqlConnection> opening = pool.getConnection();
            writerConnection = opening;
            opening.onComplete(result -> {
                if (result.failed()) {
                    writerConnection = null;
                } else {
                    result.result().closeHandler(v -> {
                        if (writerConnection == opening) {
                            writerConnection = null;
                        }
                    });
                }
            });
        }
        return writerConnection;
    }

    /*
     * A batch the database refused for what it holds is split in halves and sent again, down to the
     * event(s) it refuses, so one bad event fails only its own request and every other commits. The
     * halves and the batches linked after the refused one (which could not continue the chain) are
     * sent before anything new, each linked afresh from what committed, so the chain keeps no hole.
     * Any other failure (the database away) refuses the waiting requests: nothing can be written.
     */
    private void failed(List<Entry> batch, Throwable cause) {
        boolean first = !broken;
        broken = true;
        if (first) {
            splitting = refusedForItsData(cause);
        }
        if (splitting) {
            resendOrRefuse(batch, cause, first);
            return;
        }
        if (failuresInARow++ == 0) {
            LOG.errorf("audit batch of %d events not written (requests are answered 503 until one is): %s",
                    batch.size(), cause.getMessage());
        }
        List<Entry> refused = new ArrayList<>(batch.size());
        for (Entry entry : batch) {
            if (entry.sealId != 0) {
                // Committed with its records already: it only waits for its seal.
                writer.queued();
                queue.add(entry);
            } else {
                refused.add(entry);
            }
        }
        writer.rejected(refused.size());
        release(refused, AuditWriter.unavailable("the audit trail cannot be written now"));
    }

    private void resendOrRefuse(List<Entry> batch, Throwable cause, boolean refusedItself) {
        if (!refusedItself || batch.size() > 1) {
            if (refusedItself) {
                LOG.warnf("audit batch of %d events refused by the database for its data, sent again in halves: %s",
                        batch.size(), cause.getMessage());
                int half = batch.size() / 2;
                resend.add(new ArrayList<>(batch.subList(0, half)));
                resend.add(new ArrayList<>(batch.subList(half, batch.size())));
            } else {
                resend.add(batch);
            }
            writer.queued(batch.size());
            return;
        }
        Entry entry = batch.get(0);
        if (entry.sealId != 0) {
            LOG.errorf("the seal of audit event %d was refused by the database; it stays unsealed: %s",
                    entry.sealId, cause.getMessage());
            return;
        }
        LOG.errorf("audit event of request %s refused by the database; its request is answered 503: %s",
                entry.event.requestId(), cause.getMessage());
        writer.rejected(1);
        release(batch, AuditWriter.unavailable("this request's audit event cannot be written"));
    }

    private static boolean refusedForItsData(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().length() >= 2
                && DATA_CLASSES.contains(pg.getSqlState().substring(0, 2));
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
    /** The array parameters of one APPEND statement. */
    private static final class Batch {
        private final List<OffsetDateTime> at = new ArrayList<>();
        private final List<Long> seqs = new ArrayList<>();
        private final List<Buffer> hashes = new ArrayList<>();
        private final List<String> agency = new ArrayList<>(), sub = new ArrayList<>(), action = new ArrayList<>(),
                dataset = new ArrayList<>(), subject = new ArrayList<>(), cursorFrom = new ArrayList<>(),
                cursorTo = new ArrayList<>(), outcome = new ArrayList<>(), code = new ArrayList<>(),
                requestId = new ArrayList<>(), caseId = new ArrayList<>();
        private final List<Long> count = new ArrayList<>();
        private final List<Long> sealIds = new ArrayList<>();
        private final List<OffsetDateTime> sealAt = new ArrayList<>();
        private final List<Long> sealSeqs = new ArrayList<>();
        private final List<Buffer> sealHashes = new ArrayList<>();

        void add(Entry entry, long seq, byte[] hash) {
            AuditEvent e = entry.event;
            OffsetDateTime when = e.at().atOffset(ZoneOffset.UTC);
            if (entry.sealId != 0) {
                sealIds.add(entry.sealId);
                sealAt.add(when);
                sealSeqs.add(seq);
                sealHashes.add(Buffer.buffer(hash));
                return;
            }
            at.add(when);
            seqs.add(seq);
            hashes.add(Buffer.buffer(hash));
            agency.add(e.agency());
            sub.add(e.sub());
            action.add(e.action().name());
            dataset.add(e.dataset());
            subject.add(e.subject());
            count.add(e.count());
            cursorFrom.add(e.cursorFrom());
            cursorTo.add(e.cursorTo());
            outcome.add(e.outcome().name());
            code.add(e.code());
            requestId.add(e.requestId());
            caseId.add(e.caseId());
        }

        Tuple tuple(String chain, long lastSeq, byte[] lastHead, byte[] genesis, long previousSeq) {
            return Tuple.tuple().addValue(chain)
                    .addArrayOfOffsetDateTime(at.toArray(new OffsetDateTime[0]))
                    .addArrayOfLong(seqs.toArray(new Long[0]))
                    .addArrayOfBuffer(hashes.toArray(new Buffer[0]))
                    .addArrayOfString(agency.toArray(new String[0]))
                    .addArrayOfString(sub.toArray(new String[0]))
                    .addArrayOfString(action.toArray(new String[0]))
                    .addArrayOfString(dataset.toArray(new String[0]))
                    .addArrayOfString(subject.toArray(new String[0]))
                    .addArrayOfLong(count.toArray(new Long[0]))
                    .addArrayOfString(cursorFrom.toArray(new String[0]))
                    .addArrayOfString(cursorTo.toArray(new String[0]))
                    .addArrayOfString(outcome.toArray(new String[0]))
                    .addArrayOfString(code.toArray(new String[0]))
                    .addArrayOfString(requestId.toArray(new String[0]))
                    .addArrayOfString(caseId.toArray(new String[0]))
                    .addArrayOfLong(sealIds.toArray(new Long[0]))
                    .addArrayOfOffsetDateTime(sealAt.toArray(new OffsetDateTime[0]))
                    .addArrayOfLong(sealSeqs.toArray(new Long[0]))
                    .addArrayOfBuffer(sealHashes.toArray(new Buffer[0]))
                    .addLong(lastSeq)
                    .addBuffer(Buffer.buffer(lastHead))
                    .addBuffer(Buffer.buffer(genesis))
                    .addLong(previousSeq);
        }
    }
}
