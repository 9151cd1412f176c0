package org.cityplatform.exchange.catalog;

import java.util.List;
import org.cityplatform.exchange.identity.SubjectType;

/**
 * What the hot paths need of a catalog entry, read without Hibernate. {@code version} changes with
 * every change of the entry, so anything derived from it can be cached by (code, version).
 */
public record CatalogEntry(int id, String code, String provider, SubjectType subjectType, SharingClass sharingClass,
                           DatasetStatus status, List<FieldDefinition> fields, long version) {

    public boolean isActive() {
        return status == DatasetStatus.ACTIVE;
    }
}
