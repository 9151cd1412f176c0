package org.cityplatform.exchange.records;

import jakarta.inject.Singleton;

/**
 * The exports this instance streams at once, agencies' and open data's together, capped below
 * the size of the shared pool: an export holds a connection for as long as its client reads,
 * and however many clients export, lookups and management keep connections of their own.
 */
@Singleton
class ExportCapacity {

    private final ExportSettings settings;
    private final Places open = new Places();

    ExportCapacity(ExportSettings settings) {
        this.settings = settings;
    }

    /** Takes a place; the returned action gives it back, once however often it runs. */
    Runnable take() {
        int max = settings.maxConcurrent();
        return open.take(max, () -> "this instance already streams " + max + " exports");
    }
}
