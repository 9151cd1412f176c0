package org.cityplatform.exchange.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * The group-commit writer of one instance's audit chain. Requests put their event in a bounded
 * queue and wait for it without blocking a thread; the writer, alone on one event loop, takes all
 * that waits (up to {@code maxBatch}), links each event into the chain, and writes them with one
 * statement. While that statement runs, the next batch gathers: under load one commit carries
 * hundreds of events, idle it carries one at once. A request's response goes out only after its
 * event's batch committed, so nothing acknowledged is missing from the trail.
 *
 * <p>Pushes write their events themselves, in the transaction of their records, unsealed; the
 * writer seals them (gives them their place in the chain) in its next statement.
 */
@Singleton
public class AuditWriter {

    private static final Logger LOG = Logger.getLogger(AuditWriter.class);
    private static final long RETRY_MILLIS = 200;

    /*
     * New events, the sealing of push events and the chain's head: one statement, one commit.
     * The head row lets verification notice deleted newest events, and its seen_at tells other
     * instances this chain is alive.
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
            ), sealed AS (
                UPDATE audit_events a SET seq = s.seq, hash = s.hash
                FROM unnest($17::bigint[], $18::timestamptz[], $19::bigint[], $20::bytea[]) AS s(id, at, seq, hash)
                WHERE a.id = s.id AND a.at = s.at AND a.chain = $1 AND a.hash IS NULL
            )
            INSERT INTO audit_chains (chain, seq, hash, anchor_hash, seen_at) VALUES ($1, $21, $22, $23, now())
            ON CONFLICT (chain) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, seen_at = now()
            """;

    static final String REGISTER = "INSERT INTO audit_chains (chain, seq, hash, anchor_hash) VALUES ($1, 0, $2, $2) "
            + "ON CONFLICT (chain) DO NOTHING";

    private final Vertx vertx;
    private final Pool pool;
    private final AuditSettings settings;
    private final String chain;
    private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger depth = new AtomicInteger();
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    private final Counter written;
    private final Counter rejected;
    private final DistributionSummary batchSizes;
    private final Timer flushes;
    private final MeterRegistry registry;
    private volatile Context home;

    // Owned by the writer's event loop.
    private long seq;
    private byte[] head;
    private boolean flushing;

    AuditWriter(Vertx vertx, io.vertx.mutiny.sqlclient.Pool pool, AuditSettings settings, MeterRegistry registry) {
        this.vertx = vertx;
        this.pool = pool.getDelegate();
        this.settings = settings;
        this.registry = registry;
        this.chain = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.head = AuditChain.genesis(chain);
        this.written = Counter.builder("exchange.audit.events.written").description("Audit events committed")
                .register(registry);
        this.rejected = Counter.builder("exchange.audit.events.rejected")
                .description("Audit events refused because the queue was full or the database failed (503 AUDIT_UNAVAILABLE)")
                .register(registry);
        this.batchSizes = DistributionSummary.builder("exchange.audit.batch.size")
                .description("Audit events per committed statement").register(registry);
        this.flushes = Timer.builder("exchange.audit.flush").description("Time to commit one batch of audit events")
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("exchange.audit.queue.depth", depth, AtomicInteger::get)
                .description("Audit events waiting for the writer").register(registry);
    }

    void start(@Observes StartupEvent event) {
        home = vertx.getOrCreateContext();
        // The chain exists before its first push event: until then another instance could take
        // that event for a dead instance's and seal it into its own chain.
        try {
            pool.preparedQuery(REGISTER).execute(Tuple.of(chain, Buffer.buffer(head)))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("audit chain %s not registered at start (the first batch registers it): %s", chain, e.toString());
        }
    }

    /** This instance's chain. */
    public String chain() {
        return chain;
    }

    /** Completes once the event is committed; fails with 503 AUDIT_UNAVAILABLE when it cannot be. */
    public Future<Void> append(AuditEvent event) {
        if (depth.incrementAndGet() > settings.queueCapacity()) {
            depth.decrementAndGet();
            rejected.increment();
            return Future.failedFuture(unavailable("the audit queue is full"));
        }
        Promise<Void> done = Promise.promise();
        queue.add(new Entry(event, 0, Vertx.currentContext(), done));
        wake();
        return done.future();
    }

    /** Gives a push's event, already committed with its records, its place in the chain. */
    public void seal(long id, AuditEvent event) {
        depth.incrementAndGet();
        queue.add(new Entry(event, id, null, null));
        wake();
    }

    private void wake() {
        if (wakeScheduled.compareAndSet(false, true)) {
            Context writer = home;
            if (writer == null) {
                writer = vertx.getOrCreateContext();
                home = writer;
            }
            writer.runOnContext(v -> {
                wakeScheduled.set(false);
                flush();
            });
        }
    }

    private void flush() {
        if (flushing) {
            return; // the running statement's completion flushes again
        }
        List<Entry> batch = new ArrayList<>(Math.min(depth.get(), settings.maxBatch()));
        Entry next;
        while (batch.size() < settings.maxBatch() && (next = queue.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        flushing = true;
        long firstSeq = seq;
        byte[] firstHead = head;
        Batch statement = new Batch();
        long s = seq;
        byte[] h = head;
        for (Entry entry : batch) {
            s++;
            h = AuditChain.link(h, chain, s, entry.event);
            statement.add(entry, s, h);
        }
        long lastSeq = s;
        byte[] lastHead = h;
        // Tentatively advanced: nothing else links while this statement runs.
        seq = lastSeq;
        head = lastHead;
        long started = System.nanoTime();
        pool.preparedQuery(APPEND).execute(statement.tuple(chain, lastSeq, lastHead, AuditChain.genesis(chain)))
                .onComplete(result -> {
                    depth.addAndGet(-batch.size());
                    flushing = false;
                    if (result.succeeded()) {
                        flushes.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                        batchSizes.record(batch.size());
                        written.increment(batch.size());
                        release(batch, null);
                    } else {
                        seq = firstSeq;
                        head = firstHead;
                        LOG.warnf("audit batch of %d events not written: %s", batch.size(), result.cause().getMessage());
                        List<Entry> failed = new ArrayList<>(batch.size());
                        for (Entry entry : batch) {
                            if (entry.sealId != 0) {
                                // Committed with its records already: it only waits for its seal.
                                depth.incrementAndGet();
                                queue.add(entry);
                            } else {
                                failed.add(entry);
                            }
                        }
                        rejected.increment(failed.size());
                        release(failed, unavailable("the audit trail cannot be written: " + result.cause().getMessage()));
                    }
                    if (queue.isEmpty()) {
                        return;
                    }
                    if (result.succeeded()) {
                        flush();
                    } else {
                        // Seals wait for the database without spinning; new events retry at once.
                        vertx.setTimer(RETRY_MILLIS, id -> flush());
                    }
                });
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

    static ProblemException unavailable(String why) {
        return new ProblemException(ProblemCode.AUDIT_UNAVAILABLE,
                why + "; no data is served without its audit event (Art. 31)");
    }

    private record Entry(AuditEvent event, long sealId, Context origin, Promise<Void> done) {
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

        Tuple tuple(String chain, long lastSeq, byte[] lastHead, byte[] genesis) {
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
                    .addBuffer(Buffer.buffer(genesis));
        }
    }
}
