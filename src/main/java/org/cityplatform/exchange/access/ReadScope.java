package org.cityplatform.exchange.access;

import org.cityplatform.exchange.catalog.CatalogEntry;

/** A read that {@link AccessPolicy} allowed: the dataset and what of it the caller may see. */
public record ReadScope(CatalogEntry dataset, ReadDecision.Allowed allowed) {
}
