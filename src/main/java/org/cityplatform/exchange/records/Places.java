package org.cityplatform.exchange.records;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.cityplatform.exchange.problem.RateLimitedException;

/**
 * A count of places held at once, capped: what the push slots of an agency and the export
 * capacity of an instance are made of. A refusal is 429 with the seconds to wait.
 */
final class Places {

    private static final long RETRY_AFTER_SECONDS = 5;

    private final AtomicInteger held = new AtomicInteger();

    /** Takes a place of at most {@code max}; the returned action gives it back, once however often it runs. */
    Runnable take(int max, Supplier<String> refusal) {
        if (held.incrementAndGet() > max) {
            held.decrementAndGet();
            throw new RateLimitedException(RETRY_AFTER_SECONDS, refusal.get());
        }
        AtomicBoolean given = new AtomicBoolean();
        return () -> {
            if (given.compareAndSet(false, true)) {
                held.decrementAndGet();
            }
        };
    }
}
