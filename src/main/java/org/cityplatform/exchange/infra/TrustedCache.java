package org.cityplatform.exchange.infra;

import io.smallrye.mutiny.Uni;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * An in-memory cache of what access decisions read on every request (agency standing, catalog
 * entries, grants), kept only while {@link Invalidations} can vouch for it: an entry is dropped when
 * its topic announces a change of its id, everything is dropped when the channel was unheard, and
 * nothing is served from memory meanwhile.
 */
public final class TrustedCache<V> {

    private final Invalidations invalidations;
    private final int maxEntries;
    private final ConcurrentMap<String, V> entries = new ConcurrentHashMap<>();

    /** A cache whose entries are keyed by the ids its topic announces. */
    public TrustedCache(Invalidations invalidations, Invalidations.Topic topic, int maxEntries) {
        this(invalidations, topic, maxEntries, false);
    }

    /**
     * @param wholeOnChange drop every entry on any change of the topic: for entries that summarise
     *                      many ids, such as the list of datasets of a subject type
     */
    public TrustedCache(Invalidations invalidations, Invalidations.Topic topic, int maxEntries, boolean wholeOnChange) {
        this.invalidations = invalidations;
        this.maxEntries = maxEntries;
        invalidations.listen(change -> {
            if (change.topic() == null || (wholeOnChange && change.topic() == topic)) {
                entries.clear();
            } else if (change.topic() == topic) {
                entries.remove(change.id());
            }
        });
    }

    public Uni<V> get(String id, Supplier<Uni<V>> load) {
        if (!invalidations.trusted()) {
            return load.get();
        }
        V known = entries.get(id);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        long before = invalidations.generation();
        return load.get().invoke(loaded -> {
            // A change announced while loading may have come after the read: then keep nothing.
            if (loaded != null && invalidations.generation() == before && invalidations.trusted()
                    && entries.size() < maxEntries) {
                entries.put(id, loaded);
            }
        });
    }

    int size() {
        return entries.size();
    }
}
