package org.cityplatform.exchange.quota;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Requests a second per agency over all instances, as a fixed one-second window counted in Redis
 * ({@code exchange:quota:{agency}:{epochSecond}}), without a Redis call per request.
 *
 * <p>A request is admitted or refused from memory: this instance counts what it admitted in the
 * current second, and every few milliseconds ({@link #sync()}) adds its new admissions to the
 * shared count with one INCRBY per agency and reads back the total. A request is refused once the
 * total last read, plus what this instance admitted since, reaches the quota. The price is
 * precision: what other instances admitted since the last sync is unseen, so a quota can be
 * overrun by at most their admissions of one sync interval (the interval's fraction of a second
 * of the quota, per other instance at full rate), and windows follow each instance's clock (NTP keeps them
 * within milliseconds). A single instance is exact.
 *
 * <p>When Redis fails or is slow, each instance enforces the whole quota on its own count: the
 * limit becomes per instance, and nothing is refused because Redis is down.
 */
public final class RequestWindows {

    /** The shared counts: adds each delta to its key (kept two seconds) and answers the new totals, in order. */
    public interface SharedCounts {
        Uni<List<Long>> add(List<String> keys, List<Long> deltas);
    }

    static final long STALE_SECONDS = 10;

    private final SharedCounts shared;
    private final LongSupplier clockMillis;
    private final Duration timeout;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicBoolean syncing = new AtomicBoolean();
    private volatile boolean sharedWorks = true;

    public RequestWindows(SharedCounts shared, LongSupplier clockMillis, Duration timeout) {
        this.shared = shared;
        this.clockMillis = clockMillis;
        this.timeout = timeout;
    }

    static String key(String agency, long second) {
        return "exchange:quota:" + agency + ":" + second;
    }

    /** Counts one request of the agency: 0 when admitted, else the seconds until the next window. */
    public long admit(String agency, int perSecond) {
        long now = clockMillis.getAsLong();
        long second = Math.floorDiv(now, 1000);
        Window w = windows.get(agency);
        if (w == null) {
            w = windows.computeIfAbsent(agency, a -> new Window());
        }
        boolean counted;
        synchronized (w) {
            w.roll(second);
            counted = w.used(sharedWorks) < perSecond;
            if (counted) {
                w.local++;
                w.unsent++;
            }
        }
        // The window ends with the second: always within one second, announced as one (Retry-After counts whole seconds).
        return counted ? 0 : 1;
    }

    /** Whether the counts of the other instances are taken into account (Redis answered the last sync). */
    public boolean shared() {
        return sharedWorks;
    }

    /**
     * Sends the admissions not yet shared and learns the totals; called every few milliseconds.
     * One sync at a time: while Redis is slow, admissions accumulate and go in the next one.
     */
    public void sync() {
        if (!syncing.compareAndSet(false, true)) {
            return;
        }
        long second = Math.floorDiv(clockMillis.getAsLong(), 1000);
        List<Window> sent = new ArrayList<>();
        List<Long> seconds = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Long> deltas = new ArrayList<>();
        windows.forEach((agency, w) -> {
            synchronized (w) {
                if (w.second < second - STALE_SECONDS) {
                    windows.remove(agency, w);
                } else if (w.unsent > 0 && w.second >= second - 1) {
                    sent.add(w);
                    seconds.add(w.second);
                    keys.add(key(agency, w.second));
                    deltas.add(w.unsent);
                    w.inFlight += w.unsent;
                    w.unsent = 0;
                }
            }
        });
        if (keys.isEmpty()) {
            syncing.set(false);
            return;
        }
        Uni<List<Long>> call;
        try {
            call = shared.add(keys, deltas);
        } catch (RuntimeException e) {
            call = Uni.createFrom().failure(e);
        }
        call.ifNoItem().after(timeout).fail().subscribe().with(totals -> {
            sharedWorks = true;
            for (int i = 0; i < sent.size(); i++) {
                sent.get(i).learned(seconds.get(i), deltas.get(i), totals.get(i));
            }
            syncing.set(false);
        }, failure -> {
            // Counted on their own now; whether Redis took these increments or not no longer matters.
            sharedWorks = false;
            for (int i = 0; i < sent.size(); i++) {
                sent.get(i).learned(seconds.get(i), deltas.get(i), -1);
            }
            syncing.set(false);
        });
    }

    int tracked() {
        return windows.size();
    }

    /** One agency's current second on this instance. */
    private static final class Window {
        long second = Long.MIN_VALUE;
        long local;     // admitted here this second
        long unsent;    // admitted here, not yet sent to Redis
        long inFlight;  // sent, not yet answered
        long total;     // the shared count last read (includes what this instance sent before)

        void roll(long now) {
            if (second != now) {
                second = now;
                local = unsent = inFlight = total = 0;
            }
        }

        long used(boolean sharedWorks) {
            return sharedWorks ? Math.max(local, total + inFlight + unsent) : local;
        }

        synchronized void learned(long ofSecond, long delta, long newTotal) {
            if (second != ofSecond) {
                return; // a window gone meanwhile
            }
            inFlight -= delta;
            if (newTotal >= 0) {
                total = Math.max(total, newTotal);
            }
        }
    }
}
