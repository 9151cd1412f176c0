package org.cityplatform.exchange.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/**
 * What an edit of a dataset's fields changes, in words for its version history, or 409
 * INCOMPATIBLE_CHANGE when it would break what providers push or consumers read (Art. 3, 33): a
 * field may be added, described, marked sensitive or deprecated, but never removed or retyped, and
 * made required only with a default that the records stored without it are given.
 */
final class SchemaChanges {

    private final List<String> changes = new ArrayList<>();
    private final List<FieldDefinition> backfills = new ArrayList<>();

    private SchemaChanges() {
    }

    /** Compares the fields an edit proposes with the current ones. */
    static SchemaChanges between(List<FieldDefinition> before, List<FieldDefinition> after) {
        SchemaChanges result = new SchemaChanges();
        Map<String, FieldDefinition> proposed = new LinkedHashMap<>();
        for (FieldDefinition f : after) {
            if (proposed.put(f.name(), f) != null) {
                throw new ProblemException(ProblemCode.INVALID_REQUEST, "fields: '" + f.name() + "' is declared twice");
            }
        }
        for (FieldDefinition old : before) {
            FieldDefinition now = proposed.remove(old.name());
            if (now == null) {
                throw incompatible("field '" + old.name() + "' cannot be removed: stored records and consumers "
                        + "still have it; mark it deprecated instead");
            }
            result.compare(old, now);
        }
        for (FieldDefinition added : proposed.values()) {
            result.add(added);
        }
        return result;
    }

    /** The changes in words; empty when the fields are as they were. */
    List<String> described() {
        return List.copyOf(changes);
    }

    /** Fields whose default stored records must be given: newly required ones. */
    List<FieldDefinition> backfills() {
        return List.copyOf(backfills);
    }

    private void compare(FieldDefinition old, FieldDefinition now) {
        String name = "field '" + old.name() + "'";
        if (old.type() != now.type()) {
            throw incompatible(name + " cannot change its type from " + old.type() + " to " + now.type()
                    + ": stored records hold " + old.type() + " values");
        }
        if (old.element() != null && !old.element().equals(now.element())) {
            throw incompatible(name + " cannot leave data element '" + old.element() + "' (one datum, one source, "
                    + "Art. 4(1), 12): the center moves an element's source");
        }
        if (old.element() == null && now.element() != null) {
            changes.add(name + " now carries data element '" + now.element() + "'");
        }
        if (!old.isRequired() && now.isRequired()) {
            requireDefault(now, name + " cannot become required without a default for the records stored without it");
            backfills.add(now);
            changes.add(name + " required, stored records without it given " + now.defaultValue());
        } else if (old.isRequired() && !now.isRequired()) {
            changes.add(name + " no longer required");
        }
        if (old.isSensitive() != now.isSensitive()) {
            changes.add(name + (now.isSensitive() ? " marked sensitive" : " no longer marked sensitive"));
        }
        if (old.isDeprecated() != now.isDeprecated()) {
            changes.add(name + (now.isDeprecated() ? " deprecated: pushes may leave it out" : " no longer deprecated"));
        }
        if (!Objects.equals(old.description(), now.description())) {
            changes.add(name + " described anew");
        }
    }

    private void add(FieldDefinition added) {
        String name = "field '" + added.name() + "'";
        if (added.isRequired()) {
            requireDefault(added, name + " can be added as required only with a default for the records already stored");
            backfills.add(added);
            changes.add(name + " added, required, stored records given " + added.defaultValue());
        } else {
            changes.add(name + " added, optional");
        }
    }

    private static void requireDefault(FieldDefinition field, String otherwise) {
        JsonNode value = field.defaultValue();
        if (value == null || value.isNull()) {
            throw incompatible(otherwise);
        }
        if (!fits(field.type(), value)) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST,
                    "fields: the default of '" + field.name() + "' is not a " + field.type() + " value");
        }
    }

    static boolean fits(FieldType type, JsonNode value) {
        return switch (type) {
            case STRING -> value.isTextual();
            case INTEGER -> value.isIntegralNumber();
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case DATE -> value.isTextual() && parses(() -> LocalDate.parse(value.textValue()));
            case TIMESTAMP -> value.isTextual() && parses(() -> OffsetDateTime.parse(value.textValue()));
        };
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static ProblemException incompatible(String detail) {
        return new ProblemException(ProblemCode.INCOMPATIBLE_CHANGE, detail);
    }
}
