package org.cityplatform.exchange.access;

import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.catalog.FieldDefinition;

/** A read that {@link AccessPolicy} allowed: the dataset and what of it the caller may see. */
public record ReadScope(CatalogEntry dataset, ReadDecision.Allowed allowed) {

    /** The dataset's fields this caller may not see, removed from every document it reads (Art. 24). */
    public String[] hiddenFields() {
        if (allowed.whole()) {
            return new String[0];
        }
        return dataset.fields().stream().map(FieldDefinition::name)
                .filter(name -> !allowed.fields().contains(name)).toArray(String[]::new);
    }
}
