package org.cityplatform.exchange.opendata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.catalog.FieldDefinition;
import org.cityplatform.exchange.catalog.SharingClass;
import org.cityplatform.exchange.identity.SubjectType;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/**
 * What a provider may open (Art. 23, 25): its own ACTIVE, UNCONDITIONAL datasets, field by field,
 * never a sensitive field and never the key of a person. A plain class: the rules are tested
 * without HTTP.
 */
final class OpeningRules {

    /** The name that stands for the record's key in an opening's field list. */
    static final String KEY = "key";

    private OpeningRules() {
    }

    /** Only the provider's own consent opens its data: not the center, not another agency. */
    static void requireProvider(Caller caller, CatalogEntry dataset) {
        if (caller.is(Role.OPS)) {
            throw new ProblemException(ProblemCode.FORBIDDEN_ROLE, "ops callers do not open or withdraw data");
        }
        if (!caller.actsFor(dataset.provider())) {
            throw new ProblemException(ProblemCode.NOT_PROVIDER, "only its provider " + dataset.provider()
                    + " opens or withdraws dataset " + dataset.code() + ": publishing needs its consent (Art. 23)");
        }
    }

    /** The checked opening: the fields in the catalog's order, and whether the key goes out. */
    record Checked(List<String> fields, boolean keyPublished) {
    }

    static Checked check(CatalogEntry dataset, List<String> requested) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : requested) {
            if (!names.add(name.strip())) {
                throw new ProblemException(ProblemCode.INVALID_REQUEST, "fields: '" + name.strip() + "' is listed twice");
            }
        }
        // A dataset with a field of its own named "key" publishes that field, not the record key.
        boolean key = !dataset.fieldNames().contains(KEY) && names.remove(KEY);
        List<String> unknown = names.stream().filter(n -> !dataset.fieldNames().contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new ProblemException(ProblemCode.UNKNOWN_FIELD,
                    "dataset " + dataset.code() + " has no field " + String.join(", ", unknown));
        }
        if (!dataset.isActive()) {
            throw new ProblemException(ProblemCode.NOT_OPENABLE,
                    "dataset " + dataset.code() + " is not ACTIVE: it waits for the center's classification");
        }
        if (dataset.sharingClass() != SharingClass.UNCONDITIONAL) {
            throw new ProblemException(ProblemCode.NOT_OPENABLE, "dataset " + dataset.code() + " is "
                    + dataset.sharingClass() + ": only UNCONDITIONAL data may be opened (Art. 23, 25)");
        }
        if (key && dataset.subjectType() == SubjectType.PERSON) {
            throw new ProblemException(ProblemCode.NOT_OPENABLE,
                    "the key of a PERSON dataset (a resident identity number) is never published (Art. 25)");
        }
        List<String> sensitive = dataset.fields().stream()
                .filter(f -> f.isSensitive() && names.contains(f.name())).map(FieldDefinition::name).toList();
        if (!sensitive.isEmpty()) {
            throw new ProblemException(ProblemCode.NOT_OPENABLE,
                    "sensitive fields are never published: " + String.join(", ", sensitive) + " (Art. 25)");
        }
        if (names.isEmpty()) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST, "fields: name at least one field besides the key");
        }
        List<String> ordered = new ArrayList<>();
        dataset.fields().forEach(f -> {
            if (names.contains(f.name())) {
                ordered.add(f.name());
            }
        });
        return new Checked(List.copyOf(ordered), key);
    }
}
