package org.cityplatform.exchange.records;

import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pushes each agency has open on this instance, capped: one agency's clients, however many,
 * hold at most their share of the push pool, and the others' pushes still find connections.
 */
@Singleton
class PushSlots {

    private final PushSettings settings;
    private final ConcurrentHashMap<String, Places> open = new ConcurrentHashMap<>();

    PushSlots(PushSettings settings) {
        this.settings = settings;
    }

    /** Takes a slot of the agency's; the returned action gives it back, once however often it runs. */
    Runnable take(String agency) {
        int max = settings.maxConcurrentPerAgency();
        return open.computeIfAbsent(agency, a -> new Places())
                .take(max, () -> "agency " + agency + " already has " + max + " pushes open on this instance");
    }
}
