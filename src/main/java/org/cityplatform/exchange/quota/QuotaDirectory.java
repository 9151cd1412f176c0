package org.cityplatform.exchange.quota;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.cityplatform.exchange.infra.Invalidations;
import org.jboss.logging.Logger;

/**
 * Each agency's quota, asked on every data request: from memory, reloaded when the center changes
 * it (the QUOTA invalidation). While invalidations are unheard (Redis down) a quota is kept at most
 * a second, so a change still takes effect everywhere within a second, at a few reads a second.
 */
@Singleton
public class QuotaDirectory {

    private static final Logger LOG = Logger.getLogger(QuotaDirectory.class);
    private static final long UNHEARD_MAX_AGE_NANOS = 1_000_000_000L;
    private static final int MAX_ENTRIES = 100_000;

    private final QuotaStore store;
    private final Invalidations invalidations;
    private final QuotaSettings settings;
    private final ConcurrentMap<String, Known> known = new ConcurrentHashMap<>();

    private record Known(Quota quota, long loadedAt) {
    }

    QuotaDirectory(QuotaStore store, Invalidations invalidations, QuotaSettings settings) {
        this.store = store;
        this.invalidations = invalidations;
        this.settings = settings;
        invalidations.listen(change -> {
            if (change.topic() == null) {
                known.clear();
            } else if (change.topic() == Invalidations.Topic.QUOTA) {
                known.remove(change.id());
            }
        });
    }

    /** The agency's quota when it is in memory and may be trusted, else null: the hot path's way, no Uni. */
    public Quota cached(String agency) {
        Known k = known.get(agency);
        if (k != null && (System.nanoTime() - k.loadedAt < UNHEARD_MAX_AGE_NANOS || invalidations.trusted())) {
            return k.quota;
        }
        return null;
    }

    /** The agency's quota; the defaults when none is set, or when the database cannot say. */
    public Uni<Quota> of(String agency) {
        Quota cached = cached(agency);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        long now = System.nanoTime();
        long before = invalidations.generation();
        return store.find(agency)
                .map(found -> found.orElseGet(() -> Quota.defaults(agency, settings)))
                .invoke(quota -> {
                    // A change announced while loading may have come after the read: then keep nothing.
                    if (invalidations.generation() == before && known.size() < MAX_ENTRIES) {
                        known.put(agency, new Known(quota, now));
                    }
                })
                .onFailure().recoverWithItem(e -> {
                    // The request will meet the database's trouble itself; the quota is no reason to refuse it.
                    LOG.debugf("quota of %s not read, defaults apply: %s", agency, e.getMessage());
                    return Quota.defaults(agency, settings);
                });
    }
}
