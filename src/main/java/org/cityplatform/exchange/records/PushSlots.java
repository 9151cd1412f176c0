package org.cityplatform.exchange.records;

import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cityplatform.exchange.problem.RateLimitedException;

/**
 * The pushes each agency has open on this instance, capped: one agency's clients, however many,
 * hold at most their share of the push pool, and the others' pushes still find connections.
 */
@Singleton
class PushSlots {

    private static final long RETRY_AFTER_SECONDS = 5;

    private final PushSettings settings;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    PushSlots(PushSettings settings) {
        this.settings = settings;
    }

    /** Takes a slot of the agency's; the returned action gives it back, once however often it runs. */
    Runnable take(String agency) {
        AtomicInteger count = open.computeIfAbsent(agency, a -> new AtomicInteger());
        if (count.incrementAndGet() > settings.maxConcurrentPerAgency()) {
            count.decrementAndGet();
            throw new RateLimitedException(RETRY_AFTER_SECONDS, "agency " + agency + " already has "
                    + settings.maxConcurrentPerAgency() + " pushes open on this instance");
        }
        AtomicBoolean given = new AtomicBoolean();
        return () -> {
            if (given.compareAndSet(false, true)) {
                count.decrementAndGet();
            }
        };
    }

    int open(String agency) {
        AtomicInteger count = open.get(agency);
        return count == null ? 0 : count.get();
    }
}
