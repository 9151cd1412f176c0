package org.cityplatform.exchange.records;

import org.cityplatform.exchange.catalog.CatalogEntry;

/**
 * Which cached bodies a lookup may use: a dataset's, as its current schema version reads them.
 * Small on purpose: lookups waiting for one Redis round trip are grouped by it.
 */
record CachedDataset(int id, int schemaVersion) {

    static CachedDataset of(CatalogEntry dataset) {
        return new CachedDataset(dataset.id(), dataset.schemaVersion());
    }
}
