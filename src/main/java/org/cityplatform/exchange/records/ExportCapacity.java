package org.cityplatform.exchange.records;

import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cityplatform.exchange.problem.RateLimitedException;

/**
 * The exports this instance streams at once, agencies' and open data's together, capped below
 * the size of the shared pool: an export holds a connection for as long as its client reads,
 * and however many clients export, lookups and management keep connections of their own.
 */
@Singleton
class ExportCapacity {

    private static final long RETRY_AFTER_SECONDS = 5;

    private final ExportSettings settings;
    private final AtomicInteger open = new AtomicInteger();

    ExportCapacity(ExportSettings settings) {
        this.settings = settings;
    }

    /** Takes a place; the returned action gives it back, once however often it runs. */
    Runnable take() {
        if (open.incrementAndGet() > settings.maxConcurrent()) {
            open.decrementAndGet();
            throw new RateLimitedException(RETRY_AFTER_SECONDS,
                    "this instance already streams " + settings.maxConcurrent() + " exports");
        }
        AtomicBoolean given = new AtomicBoolean();
        return () -> {
            if (given.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        };
    }
}
