package org.cityplatform.exchange.quota;

import io.vertx.core.Future;
import org.cityplatform.exchange.infra.AsyncBridges;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Exports running at once per agency over all instances: each running export holds a slot in
 * Redis (a member of a sorted set per agency, scored by when its lease ends), claimed at its start
 * and given back at its end. An instance renews the leases of its running exports; the slots of an
 * instance that crashed lapse with their lease.
 *
 * <p>When Redis fails or is slow, this instance admits an export while it runs fewer than the cap
 * of that agency itself: the cap becomes per instance, and nothing is refused because Redis is down.
 */
public final class ExportSlots {

    private static final Logger LOG = Logger.getLogger(ExportSlots.class);

    /** The shared slots in Redis. */
    public interface SharedSlots {
        /** Takes a slot for the export when the agency holds fewer than {@code cap} live ones. */
        Uni<Boolean> claim(String agency, String export, int cap);

        Uni<Void> release(String agency, String export);

        /** Extends the leases of these running exports (by agency). */
        Uni<Void> renew(Map<String, List<String>> exportsByAgency);
    }

    /**
     * A slot held by a running export; releasing it twice is harmless. The release completes once
     * Redis has taken the slot back (or failed to, within the timeout: its lease then ends it), so
     * an export can end its response after that, and the client's next export finds the slot free.
     * It never completes exceptionally.
     */
    public interface Slot {
        // A Vert.x future: the export engine that releases it runs on futures (docs/architecture.md).
        Future<Void> release();
    }

    static final Future<Void> RELEASED = Future.succeededFuture();

    private final SharedSlots shared;
    private final Duration timeout;
    private final LongSupplier clockNanos;
    private final Duration backoff;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();
    // The exports running on this instance, by agency; guarded by itself.
    private final Map<String, Set<String>> running = new HashMap<>();
    private volatile long skipSharedUntil;

    public ExportSlots(SharedSlots shared, Duration timeout, Duration backoff, LongSupplier clockNanos) {
        this.shared = shared;
        this.timeout = timeout;
        this.backoff = backoff;
        this.clockNanos = clockNanos;
        this.skipSharedUntil = clockNanos.getAsLong();
    }

    /** A slot for one export of the agency, or null when {@code cap} of its exports are running. */
    public Uni<Slot> claim(String agency, int cap) {
        String export = instance + ":" + sequence.incrementAndGet();
        if (clockNanos.getAsLong() - skipSharedUntil < 0) {
            return Uni.createFrom().item(locally(agency, export, cap));
        }
        Uni<Boolean> call;
        try {
            call = shared.claim(agency, export, cap);
        } catch (RuntimeException e) {
            call = Uni.createFrom().failure(e);
        }
        return call.ifNoItem().after(timeout).fail()
                .map(admitted -> admitted ? hold(agency, export) : null)
                .onFailure().recoverWithItem(e -> {
                    // A claim that reached Redis after all lapses with its lease.
                    skipSharedUntil = clockNanos.getAsLong() + backoff.toNanos();
                    LOG.debugf("export slots counted per instance: %s", e.getMessage());
                    return locally(agency, export, cap);
                });
    }

    /** Renews the leases of this instance's running exports; called a few times per lease. */
    public void renew() {
        Map<String, List<String>> now = new HashMap<>();
        synchronized (running) {
            running.forEach((agency, exports) -> now.put(agency, List.copyOf(exports)));
        }
        if (now.isEmpty() || clockNanos.getAsLong() - skipSharedUntil < 0) {
            return;
        }
        try {
            shared.renew(now).ifNoItem().after(timeout).fail().subscribe().with(v -> { },
                    e -> LOG.debugf("export leases not renewed: %s", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.debugf("export leases not renewed: %s", e.getMessage());
        }
    }

    int runningHere(String agency) {
        synchronized (running) {
            Set<String> exports = running.get(agency);
            return exports == null ? 0 : exports.size();
        }
    }

    private Slot locally(String agency, String export, int cap) {
        synchronized (running) {
            if (runningHere(agency) >= cap) {
                return null;
            }
            return hold(agency, export);
        }
    }

    private Slot hold(String agency, String export) {
        synchronized (running) {
            running.computeIfAbsent(agency, a -> new HashSet<>()).add(export);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (!released.compareAndSet(false, true)) {
                return RELEASED;
            }
            synchronized (running) {
                Set<String> exports = running.get(agency);
                if (exports != null && exports.remove(export) && exports.isEmpty()) {
                    running.remove(agency);
                }
            }
            // Tried even while Redis seemed down: the slot may be there; if this fails its lease ends it.
            try {
                return shared.release(agency, export).ifNoItem().after(timeout).fail()
                        .onFailure().recoverWithItem(e -> {
                            LOG.debugf("export slot %s not given back (its lease ends it): %s", export, e.getMessage());
                            return null;
                        })
                        .replaceWithVoid().convert().with(AsyncBridges::future);
            } catch (RuntimeException e) {
                LOG.debugf("export slot %s not given back: %s", export, e.getMessage());
                return RELEASED;
            }
        };
    }
}
