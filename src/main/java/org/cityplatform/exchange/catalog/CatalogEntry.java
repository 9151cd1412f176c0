package org.cityplatform.exchange.catalog;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cityplatform.exchange.identity.SubjectType;

/**
 * What the hot paths need of a catalog entry, read without Hibernate. {@code version} changes with
 * every change of the entry, so anything derived from it can be cached by (code, version);
 * {@code schemaVersion} changes with the field definitions, and with it what stored records read as.
 */
public record CatalogEntry(int id, String code, String provider, SubjectType subjectType, SharingClass sharingClass,
                           DatasetStatus status, List<FieldDefinition> fields, long version, Set<String> fieldNames,
                           int schemaVersion) {

    /** The entry with its field names worked out once: every allowed read asks for them. */
    public CatalogEntry(int id, String code, String provider, SubjectType subjectType, SharingClass sharingClass,
                        DatasetStatus status, List<FieldDefinition> fields, long version, int schemaVersion) {
        this(id, code, provider, subjectType, sharingClass, status, fields, version,
                fields.stream().map(FieldDefinition::name).collect(Collectors.toUnmodifiableSet()), schemaVersion);
    }

    /** An entry at its first schema version. */
    public CatalogEntry(int id, String code, String provider, SubjectType subjectType, SharingClass sharingClass,
                        DatasetStatus status, List<FieldDefinition> fields, long version) {
        this(id, code, provider, subjectType, sharingClass, status, fields, version, 1);
    }

    public boolean isActive() {
        return status == DatasetStatus.ACTIVE;
    }
}
