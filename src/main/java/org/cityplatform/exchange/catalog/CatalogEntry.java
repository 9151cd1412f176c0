package org.cityplatform.exchange.catalog;

import java.time.LocalDate;
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
                           int schemaVersion, LocalDate retiresOn) {

    /** The entry with its field names worked out once: every allowed read asks for them. */
    public CatalogEntry(int id, String code, String provider, SubjectType subjectType, SharingClass sharingClass,
                        DatasetStatus status, List<FieldDefinition> fields, long version, int schemaVersion,
                        LocalDate retiresOn) {
        this(id, code, provider, subjectType, sharingClass, status, fields, version,
                fields.stream().map(FieldDefinition::name).collect(Collectors.toUnmodifiableSet()), schemaVersion,
                retiresOn);
    }

    /** An entry not retiring. */
    public CatalogEntry(int id, String code, String provider, SubjectType subjectType, SharingClass sharingClass,
                        DatasetStatus status, List<FieldDefinition> fields, long version, int schemaVersion) {
        this(id, code, provider, subjectType, sharingClass, status, fields, version, schemaVersion, null);
    }

    /** An entry at its first schema version. */
    public CatalogEntry(int id, String code, String provider, SubjectType subjectType, SharingClass sharingClass,
                        DatasetStatus status, List<FieldDefinition> fields, long version) {
        this(id, code, provider, subjectType, sharingClass, status, fields, version, 1);
    }

    /** A RETIRING dataset is still in force: its consumers migrate meanwhile. */
    public boolean isActive() {
        return status == DatasetStatus.ACTIVE || status == DatasetStatus.RETIRING;
    }

    /**
     * Whether nothing is read or pushed any more on this city day: RETIRED, or RETIRING with its date
     * come though the scheduled job has not marked it yet (Art. 3, 33).
     */
    public boolean retiredOn(LocalDate today) {
        return status == DatasetStatus.RETIRED
                || status == DatasetStatus.RETIRING && retiresOn != null && !retiresOn.isAfter(today);
    }
}
