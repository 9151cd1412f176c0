package org.cityplatform.exchange.opendata;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The per-address limits of open data (Art. 23, 25): a request bucket, an export bucket and a
 * count of running exports for each client address, in this instance's memory. The table is
 * bounded: idle addresses are swept every minute, and past {@code maxClients} the least recently
 * seen one is forgotten (its client at worst starts again with full buckets).
 */
@Singleton
public class ClientLimits {

    /** A refused export cannot know when a running one ends: clients retry after this. */
    static final long BUSY_RETRY_SECONDS = 5;

    private final int requestsPerMinute;
    private final int exportsPerMinute;
    private final int concurrentExports;
    private final long idleNanos;
    private final LongSupplier clock;
    private final Map<String, Client> clients;

    @Inject
    ClientLimits(OpenDataSettings settings) {
        this(settings.requestsPerMinute(), settings.exportsPerMinute(), settings.concurrentExports(),
                settings.maxClients(), settings.idleAfter().toNanos(), System::nanoTime);
    }

    ClientLimits(int requestsPerMinute, int exportsPerMinute, int concurrentExports, int maxClients, long idleNanos,
                 LongSupplier clock) {
        this.requestsPerMinute = requestsPerMinute;
        this.exportsPerMinute = exportsPerMinute;
        this.concurrentExports = concurrentExports;
        this.idleNanos = idleNanos;
        this.clock = clock;
        this.clients = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Client> eldest) {
                return size() > maxClients;
            }
        };
    }

    void sweepEveryMinute(@Observes StartupEvent event, Vertx vertx) {
        vertx.setPeriodic(60_000, t -> forgetIdle());
    }

    /** Takes a request token: 0 when allowed, else the seconds to wait (Retry-After). */
    public synchronized long request(String address) {
        long now = clock.getAsLong();
        return seconds(client(address, now).requests.take(now));
    }

    /**
     * Admits an export: a running slot that the caller must release when the export ends, or a
     * refusal with the seconds to wait. A refused export takes no token.
     */
    public synchronized Admission export(String address) {
        long now = clock.getAsLong();
        Client client = client(address, now);
        if (client.running >= concurrentExports) {
            return Admission.refused(BUSY_RETRY_SECONDS, concurrentExports + " exports of this address are running");
        }
        long wait = client.exports.take(now);
        if (wait > 0) {
            return Admission.refused(seconds(wait), "at most " + exportsPerMinute + " exports a minute per address");
        }
        client.running++;
        AtomicBoolean released = new AtomicBoolean();
        return Admission.admitted(() -> {
            if (released.compareAndSet(false, true)) {
                synchronized (this) {
                    // The entry may have been forgotten meanwhile; then this count no longer matters.
                    client.running--;
                    client.seenAt = clock.getAsLong();
                }
            }
        });
    }

    /** Forgets addresses idle for the configured time with no export running. */
    public synchronized void forgetIdle() {
        long now = clock.getAsLong();
        for (Iterator<Client> it = clients.values().iterator(); it.hasNext(); ) {
            Client c = it.next();
            if (c.running == 0 && now - c.seenAt >= idleNanos) {
                it.remove();
            }
        }
    }

    synchronized int tracked() {
        return clients.size();
    }

    private Client client(String address, long now) {
        Client c = clients.computeIfAbsent(address, a -> new Client(requestsPerMinute, exportsPerMinute, now));
        c.seenAt = now;
        return c;
    }

    private static long seconds(long nanos) {
        return nanos <= 0 ? 0 : Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private static final class Client {
        final TokenBucket requests;
        final TokenBucket exports;
        int running;
        long seenAt;

        Client(int requestsPerMinute, int exportsPerMinute, long now) {
            this.requests = new TokenBucket(requestsPerMinute, now);
            this.exports = new TokenBucket(exportsPerMinute, now);
            this.seenAt = now;
        }
    }

    /** An export let in (with the release of its slot) or refused (with when to retry). */
    public record Admission(Runnable release, long retryAfterSeconds, String reason) {

        static Admission admitted(Runnable release) {
            return new Admission(release, 0, null);
        }

        static Admission refused(long retryAfterSeconds, String reason) {
            return new Admission(null, retryAfterSeconds, reason);
        }

        public boolean admitted() {
            return release != null;
        }
    }
}
