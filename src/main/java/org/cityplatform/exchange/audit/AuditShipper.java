package org.cityplatform.exchange.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.cityplatform.exchange.infra.PendingWork;
import org.jboss.logging.Logger;

/**
 * Moves journaled events into PostgreSQL in the background, thousands a statement (docs/
 * architecture.md, "The audit trail"). Chains a previous run of this instance left in the journal
 * go first, at start; then the chains written now, as their events become durable. A statement
 * moves the chain's head in PostgreSQL from exactly where the shipper found it, so the head is the
 * shipped position, kept in the same commit as the events: shipping again after a crash skips what
 * is there and never duplicates an event. A segment is deleted only once all its events are in.
 */
@Singleton
public class AuditShipper implements PendingWork {

    private static final Logger LOG = Logger.getLogger(AuditShipper.class);
    private static final String HEAD = "SELECT seq FROM audit_chains WHERE chain = $1";
    private static final String PARTITION = "SELECT audit_month_partition(m) FROM unnest($1::date[]) AS m";
    /*
     * A statement's events, in journal bytes, besides their number: lookups' events are a few
     * hundred bytes, a change page's carries up to a thousand keys, and a batch of those must not
     * become one statement of hundreds of megabytes in a small heap.
     */
    static final long SHIP_BYTES = 4L << 20;
    private static final long RETRY_MILLIS = 1_000;

    /** One chain's shipping: where it stands, and its journal when this run writes it. */
    private static final class Chain {
        final String name;
        final Path dir;
        final AuditJournal live;
        JournalCursor cursor;
        volatile long shippedSeq = -1;

        Chain(String name, Path dir, AuditJournal live) {
            this.name = name;
            this.dir = dir;
            this.live = live;
        }

        long unshipped() {
            return live == null ? 1 : Math.max(0, live.durableSeq() - Math.max(0, shippedSeq));
        }
    }

    private final Vertx vertx;
    private final Pool pool;
    private final AuditJournals journals;
    private final AuditSettings settings;
    private final List<Chain> chains = new CopyOnWriteArrayList<>();
    private final Counter shipped;
    private Context context;
    private volatile boolean stopped;
    private final long startedNanos = System.nanoTime();
    private int failuresInARow;
    private long timer = -1;

    AuditShipper(Vertx vertx, io.vertx.mutiny.sqlclient.Pool pool, AuditJournals journals, AuditSettings settings,
                 MeterRegistry registry) {
        this.vertx = vertx;
        this.pool = pool.getDelegate();
        this.journals = journals;
        this.settings = settings;
        this.shipped = Counter.builder("exchange.audit.events.shipped")
                .description("Audit events moved from the journal into PostgreSQL").register(registry);
        Gauge.builder("exchange.audit.journal.unshipped", this, AuditShipper::pending)
                .description("Audit events on disk in the journal and not yet in PostgreSQL").register(registry);
        Gauge.builder("exchange.audit.shipping.lag", this, s -> s.lagSeconds())
                .description("Age of the oldest journaled event not yet in PostgreSQL, in seconds")
                .baseUnit("seconds").register(registry);
    }

    /**
     * Opens the journal and ships what a previous run left in it before this instance serves: the
     * chains in it are dead, and what they hold was acknowledged. With PostgreSQL away the instance
     * starts anyway (cached reads are served and journaled) and ships when it returns.
     */
    void start(@Observes @Priority(10) StartupEvent event) {
        if (settings.disabledForBenchmark()) {
            return;
        }
        for (Path dir : journals.open(databaseIdentity())) {
            chains.add(new Chain(AuditJournals.chainOf(dir), dir, null));
        }
        context = vertx.getOrCreateContext();
        if (!chains.isEmpty()) {
            LOG.infof("audit journal holds %d chain(s) of an earlier run: shipping them first", chains.size());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (chains.stream().anyMatch(c -> c.live == null) && System.nanoTime() < deadline && !stopped) {
                boolean progress = blockingRound();
                if (!progress) {
                    break;
                }
            }
        }
        context.runOnContext(v -> round());
    }

    /**
     * The identity of the database this instance writes to (V10's namespace, random per database),
     * or null when PostgreSQL does not answer within a few seconds: the journal is then opened
     * without the check, as an instance must start with PostgreSQL away.
     */
    private String databaseIdentity() {
        java.util.concurrent.CountDownLatch answered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<String> identity = new java.util.concurrent.atomic.AtomicReference<>();
        pool.query("SELECT namespace FROM cache_namespace").execute().onComplete(result -> {
            if (result.succeeded() && result.result().iterator().hasNext()) {
                identity.set(result.result().iterator().next().getString(0));
            } else if (result.failed()) {
                LOG.warnf("the database's identity could not be read at start (%s): the audit journal is opened unchecked",
                        result.cause().toString());
            }
            answered.countDown();
        });
        try {
            if (!answered.await(5, TimeUnit.SECONDS)) {
                LOG.warn("the database did not say its identity within 5 s: the audit journal is opened unchecked");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return identity.get();
    }

    private boolean blockingRound() {
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<io.vertx.core.AsyncResult<Boolean>> outcome =
                new java.util.concurrent.atomic.AtomicReference<>();
        shipSome().onComplete(result -> {
            outcome.set(result);
            ended.countDown();
        });
        try {
            if (ended.await(30, TimeUnit.SECONDS) && outcome.get().succeeded()) {
                return outcome.get().result();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warnf("the earlier run's audit journal is not yet shipped (shipping goes on in the background): %s",
                outcome.get() == null ? "no answer within 30 s" : outcome.get().cause().toString());
        return false;
    }

    /** A chain this instance starts writing now. */
    void follow(String chain, AuditJournal journal) {
        chains.add(new Chain(chain, journal.dir(), journal));
    }

    /** Chains whose events are still in this instance's journal: no other instance may claim them. */
    List<String> chainsHeld() {
        List<String> held = new ArrayList<>();
        chains.forEach(c -> held.add(c.name));
        return held;
    }

    private void round() {
        timer = -1;
        if (stopped && pending() == 0) {
            return;
        }
        shipSome().onComplete(result -> {
            boolean progress = result.succeeded() && result.result();
            long wait = progress ? 0 : result.failed() ? RETRY_MILLIS : settings.journal().shipInterval().toMillis();
            if (wait == 0) {
                context.runOnContext(v -> round());
            } else {
                timer = vertx.setTimer(wait, id -> round());
            }
        });
    }

    /**
     * Ships one batch of each chain that has events waiting; true when it shipped anything. A
     * chain that fails does not hold the others back; the round fails when nothing moved.
     */
    private Future<Boolean> shipSome() {
        Future<Boolean> step = Future.succeededFuture(false);
        Throwable[] failure = new Throwable[1];
        for (Chain chain : chains) {
            step = step.compose(progress -> ship(chain).recover(e -> {
                failure[0] = e;
                return Future.succeededFuture(false);
            }).map(shipped -> progress || shipped));
        }
        return step.compose(progress -> {
            if (failure[0] != null && failuresInARow++ == 0) {
                LOG.errorf("audit events not shipped to PostgreSQL (they wait in the journal): %s", failure[0].getMessage());
            }
            if (failure[0] == null && failuresInARow > 0) {
                LOG.infof("audit shipping resumed after %d failed attempts", failuresInARow);
                failuresInARow = 0;
            }
            return failure[0] != null && !progress ? Future.failedFuture(failure[0]) : Future.succeededFuture(progress);
        });
    }

    private Future<Boolean> ship(Chain chain) {
        Future<JournalCursor> cursor = chain.cursor != null ? Future.succeededFuture(chain.cursor)
                : pool.preparedQuery(HEAD).execute(Tuple.of(chain.name)).map(rows -> {
                    long head = 0;
                    for (Row row : rows) {
                        head = row.getLong(0);
                    }
                    chain.shippedSeq = head;
                    chain.cursor = new JournalCursor(chain.dir, head);
                    return chain.cursor;
                });
        // The mark first: the events up to durableSeq are all within it.
        AuditJournal.Mark mark = chain.live == null ? null : chain.live.mark();
        long upTo = chain.live == null ? Long.MAX_VALUE : chain.live.durableSeq();
        if (chain.live != null && (mark == null || upTo <= chain.shippedSeq)) {
            return Future.succeededFuture(false);
        }
        int max = settings.journal().shipBatch();
        return cursor.compose(c -> vertx.<List<JournaledEvent>>executeBlocking(() -> c.next(upTo, max, SHIP_BYTES, mark),
                        true))
                .compose(events -> {
                    if (events.isEmpty()) {
                        return chain.live == null ? retire(chain) : Future.succeededFuture(false);
                    }
                    long previous = events.get(0).seq() - 1;
                    Tuple append = AuditAppend.of(chain.name, previous, events);
                    return pool.preparedQuery(AuditAppend.APPEND).execute(append)
                            .recover(e -> noPartition(e) ? partitionsFor(events)
                                    .compose(made -> pool.preparedQuery(AuditAppend.APPEND).execute(append))
                                    : Future.failedFuture(e))
                            .compose(done -> {
                                long last = events.get(events.size() - 1).seq();
                                chain.shippedSeq = last;
                                shipped.increment(events.size());
                                if (chain.live != null) {
                                    chain.live.unshippedAgeNanos(last); // forgets the groups now shipped
                                }
                                Path keep = chain.live == null ? null : chain.live.currentSegment();
                                return vertx.executeBlocking(() -> {
                                    journals.deleteShipped(chain.dir, last, keep);
                                    return true;
                                }, false);
                            });
                })
                .onFailure(e -> chain.cursor = null);
    }

    /*
     * An acknowledged event is never dropped: one dated in a month that has no partition yet (a
     * clock set wrong, a month the upkeep has not reached) gets its month's partition made.
     */
    private Future<Void> partitionsFor(List<JournaledEvent> events) {
        java.util.Set<java.time.LocalDate> months = new java.util.TreeSet<>();
        for (JournaledEvent e : events) {
            months.add(e.event().at().atOffset(java.time.ZoneOffset.UTC).toLocalDate().withDayOfMonth(1));
        }
        LOG.warnf("audit events dated in months without a partition (%s): making them", months);
        return pool.preparedQuery(PARTITION).execute(Tuple.of(months.toArray(new java.time.LocalDate[0]))).mapEmpty();
    }

    private static boolean noPartition(Throwable e) {
        return e instanceof io.vertx.pgclient.PgException pg && "23514".equals(pg.getSqlState());
    }

    /** An earlier run's chain with nothing left to ship: its directory goes. */
    private Future<Boolean> retire(Chain chain) {
        return vertx.executeBlocking(() -> {
            journals.deleteChain(chain.dir);
            return true;
        }, false).map(done -> {
            chains.remove(chain);
            LOG.infof("audit chain %s of an earlier run is wholly in PostgreSQL; its journal is deleted", chain.name);
            return true;
        });
    }

    /**
     * Completes once every event this instance had on disk when asked is in PostgreSQL, or after
     * {@code atMost}: the center reading the trail sees what this instance acknowledged before.
     */
    public Future<Void> caughtUp(Duration atMost) {
        // One pass over the chains: each live one with what it had on disk when asked.
        java.util.Map<Chain, Long> targets = new java.util.IdentityHashMap<>();
        for (Chain chain : chains) {
            if (chain.live != null) {
                targets.put(chain, chain.live.durableSeq());
            }
        }
        long deadline = System.nanoTime() + atMost.toNanos();
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        Runnable[] check = new Runnable[1];
        check[0] = () -> {
            boolean caught = targets.entrySet().stream().allMatch(t -> t.getKey().shippedSeq >= t.getValue())
                    && chains.stream().allMatch(c -> c.live != null);
            if (caught || System.nanoTime() - deadline > 0 || stopped) {
                done.tryComplete();
            } else {
                vertx.setTimer(10, id -> check[0].run());
            }
        };
        check[0].run();
        return done.future();
    }

    /** Seconds since the oldest event not yet in PostgreSQL was journaled (an earlier run's: since start). */
    double lagSeconds() {
        long oldest = 0;
        for (Chain chain : chains) {
            long age = chain.live == null ? System.nanoTime() - startedNanos
                    : chain.live.unshippedAgeNanos(chain.shippedSeq);
            oldest = Math.max(oldest, age);
        }
        return oldest / 1e9;
    }

    @Override
    public String what() {
        return "audit events not yet shipped";
    }

    /** Events journaled and not in PostgreSQL (an earlier run's chain counts one until it is shipped). */
    @Override
    public int pending() {
        long sum = 0;
        for (Chain chain : chains) {
            sum += chain.unshipped();
        }
        return (int) Math.min(Integer.MAX_VALUE, sum);
    }

    void stop(@Observes @Priority(5000) ShutdownEvent event) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        journals.close();
    }
}
