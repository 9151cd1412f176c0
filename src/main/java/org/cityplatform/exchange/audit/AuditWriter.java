package org.cityplatform.exchange.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cityplatform.exchange.infra.PendingWork;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * The audit trail's group-commit writer (docs/architecture.md, "The audit trail"). Requests
 * put their event in a bounded queue and wait for it without blocking a thread; the response goes
 * out only after the event's batch committed, so nothing acknowledged is missing from the trail.
 *
 * <p>Each instance writes one hash chain ({@link AuditLane}) by default. {@code exchange.audit.lanes}
 * gives an event loop a chain of its own, up to that many, written in parallel; it did not raise
 * the audit benchmark's throughput (smaller batches, more statements), so it stays at one.
 *
 * <p>Pushes write their events themselves, in the transaction of their records, unsealed; the
 * lane of the push's loop seals them (gives them their place in its chain) right after.
 */
@Singleton
public class AuditWriter implements PendingWork {

    private static final Logger LOG = Logger.getLogger(AuditWriter.class);

    private final Vertx vertx;
    private final Pool pool;
    private final AuditSettings settings;
    private final String instance;
    private final List<AuditLane> lanes = new CopyOnWriteArrayList<>();
    private final Map<Thread, AuditLane> laneOfThread = new ConcurrentHashMap<>();
    private final Map<String, AuditLane> laneOfChain = new ConcurrentHashMap<>();
    private final AtomicInteger nextLane = new AtomicInteger();
    private final AtomicInteger depth = new AtomicInteger();
    private final Counter written;
    private final Counter rejected;
    private final DistributionSummary batchSizes;
    private final Timer flushes;

    private final AuditJournals journals;
    private final AuditShipper shipper;

    AuditWriter(Vertx vertx, io.vertx.mutiny.sqlclient.Pool pool, AuditSettings settings, MeterRegistry registry,
                AuditJournals journals, AuditShipper shipper) {
        this.journals = journals;
        this.shipper = shipper;
        this.vertx = vertx;
        this.pool = pool.getDelegate();
        this.settings = settings;
        this.instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.written = Counter.builder("exchange.audit.events.written")
                .description("Audit events made durable in the journal (their requests may be answered)")
                .register(registry);
        this.rejected = Counter.builder("exchange.audit.events.rejected")
                .description("Audit events refused because the queue or the journal was full or failed (503 AUDIT_UNAVAILABLE)")
                .register(registry);
        this.batchSizes = DistributionSummary.builder("exchange.audit.batch.size")
                .description("Audit events per journal append").register(registry);
        this.flushes = Timer.builder("exchange.audit.flush").description("Time to commit one batch of audit events")
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("exchange.audit.queue.depth", depth, AtomicInteger::get)
                .description("Audit events waiting for the writer").register(registry);
    }

    private synchronized AuditLane newLane(Context home) {
        String chain = instance + "/" + lanes.size();
        AuditJournal journal = journals.journalOf(chain);
        AuditLane lane = new AuditLane(vertx, pool, this, chain, home, journal);
        shipper.follow(chain, journal);
        lanes.add(lane);
        laneOfChain.put(lane.chain(), lane);
        return lane;
    }

    /** The chain that events of the current thread go to: a push writes it into its unsealed events. */
    public String chainHere() {
        return laneHere().chain();
    }

    /** Completes once the event is committed; fails with 503 AUDIT_UNAVAILABLE when it cannot be. */
    public Future<Void> append(AuditEvent event) {
        if (depth.incrementAndGet() > settings.queueCapacity()) {
            depth.decrementAndGet();
            rejected.increment();
            return Future.failedFuture(unavailable("the audit queue is full"));
        }
        Promise<Void> done = Promise.promise();
        laneHere().add(new AuditLane.Entry(AuditText.storable(event), 0, Vertx.currentContext(), done));
        return done.future();
    }

    /** Gives a push's event, committed with its records in the given chain, its place in that chain. */
    public void seal(String chain, long id, AuditEvent event) {
        AuditLane lane = laneOfChain.get(chain);
        if (lane == null) {
            LOG.errorf("no lane of chain %s here to seal audit event %d; a live instance claims it later", chain, id);
            return;
        }
        depth.incrementAndGet();
        lane.add(new AuditLane.Entry(event, id, null, null));
    }

    // Each event loop gets a lane of its own, at home on it, while there are lanes to give: its
    // requests then hand over events without changing thread. Other threads share the lanes.
    private AuditLane laneHere() {
        return laneOfThread.computeIfAbsent(Thread.currentThread(), thread -> {
            Context here = Vertx.currentContext();
            synchronized (this) {
                if (here != null && Context.isOnEventLoopThread() && lanes.size() < Math.max(1, settings.lanes())) {
                    AuditLane lane = newLane(VertxContext.getRootContext(here));
                    lane.register().onFailure(e -> LOG.debugf("chain %s registers with its first batch", lane.chain()));
                    return lane;
                }
                if (lanes.isEmpty()) {
                    return newLane(vertx.getOrCreateContext());
                }
                return lanes.get(Math.floorMod(nextLane.getAndIncrement(), lanes.size()));
            }
        });
    }

    /** Every chain this instance writes. */
    public List<String> chains() {
        return lanes.stream().map(AuditLane::chain).toList();
    }

    /** Closes the journals once nothing waits (see ShutdownSequence): what was appended stays on disk. */
    void close(@Observes @Priority(4000) ShutdownEvent event) {
        lanes.forEach(lane -> lane.journal().close());
    }

    /** Events waiting to be journaled or sealed: a graceful shutdown waits for none to be left. */
    @Override
    public String what() {
        return "audit queue";
    }

    @Override
    public int pending() {
        return queueDepth();
    }

    public int queueDepth() {
        return depth.get();
    }

    int statementsInFlight() {
        return Math.max(1, settings.statementsInFlight());
    }

    int maxBatch() {
        return settings.maxBatch();
    }

    void queued() {
        depth.incrementAndGet();
    }

    void queued(int events) {
        depth.addAndGet(events);
    }

    void dequeued(int events) {
        depth.addAndGet(-events);
    }

    void flushed(int events, long duration, TimeUnit unit) {
        flushes.record(duration, unit);
        batchSizes.record(events);
        written.increment(events);
    }

    void rejected(int events) {
        rejected.increment(events);
    }

    /** The answer when an event cannot be committed: in the client's words, never the database's (those are logged). */
    static ProblemException unavailable(String why) {
        return new ProblemException(ProblemCode.AUDIT_UNAVAILABLE,
                why + "; no data is served without its audit event (Art. 31)");
    }
}
