package org.cityplatform.exchange.opendata;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.catalog.FieldDefinition;
import org.cityplatform.exchange.catalog.SharingClass;
import org.cityplatform.exchange.identity.SubjectType;

/**
 * What a provider published of one dataset, as stored, and what of it may go out now. Every read
 * re-checks the catalog entry: a dataset reclassified away from UNCONDITIONAL, or a field marked
 * sensitive, is not published whatever the stored consent says (Art. 23, 25).
 */
record Publication(String dataset, List<String> fields, boolean keyPublished, String title, String description,
                   OffsetDateTime openedAt, OffsetDateTime changedAt, OpeningState storedState, LocalDate reviewDue) {

    /**
     * The state on this city day: an approved opening whose review date has passed is suspended
     * from that day on, whether or not the daily check has marked it yet (Art. 24).
     */
    OpeningState state(LocalDate today) {
        return storedState == OpeningState.OPEN && reviewDue != null && today.isAfter(reviewDue)
                ? OpeningState.SUSPENDED : storedState;
    }

    /** Whether the provider's consent, and for personal data the center's approval, stand today. */
    boolean published(LocalDate today) {
        return state(today) == OpeningState.OPEN;
    }

    /** Whether the dataset may be read as open data at all on this city day: a retired one is not. */
    static boolean open(CatalogEntry entry, LocalDate today) {
        return entry.isActive() && !entry.retiredOn(today) && entry.sharingClass() == SharingClass.UNCONDITIONAL;
    }

    /** The published fields still publishable, in the catalog's order. */
    List<FieldDefinition> visibleFields(CatalogEntry entry) {
        return entry.fields().stream().filter(f -> !f.isSensitive() && fields.contains(f.name())).toList();
    }

    /** The key goes out only when the provider chose so, and never a person's. */
    boolean keyVisible(CatalogEntry entry) {
        return keyPublished && entry.subjectType() != SubjectType.PERSON;
    }
}
