package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.records.ProviderText.shown;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cityplatform.exchange.catalog.FieldDefinition;
import org.cityplatform.exchange.catalog.FieldType;

/**
 * Checks an item's {@code data} object against one dataset's field definitions: no unknown or repeated fields, the
 * required ones present and not null, each value of its field's type ({@link FieldValues}). Immutable and
 * thread-safe, built once per dataset schema.
 */
final class DataChecks {

    private final Map<String, Slot> slots;
    private final int fieldCount;
    private final Slot[] requiredInOrder;

    DataChecks(List<FieldDefinition> fields) {
        Map<String, Slot> byName = new HashMap<>(fields.size() * 2);
        List<Slot> required = new ArrayList<>();
        for (FieldDefinition field : fields) {
            Objects.requireNonNull(field, "field");
            Slot slot = new Slot(byName.size(), field.name(), Objects.requireNonNull(field.type(), "type"),
                    field.mustBePushed());
            if (byName.putIfAbsent(field.name(), slot) != null) {
                throw new IllegalArgumentException("field '" + field.name() + "' is defined twice");
            }
            if (field.mustBePushed()) {
                required.add(slot);
            }
        }
        this.slots = byName;
        this.fieldCount = byName.size();
        this.requiredInOrder = required.toArray(Slot[]::new);
    }

    /**
     * Walks the data object from its START_OBJECT to its END_OBJECT, where it leaves the parser. After the first
     * problem it only skips, so the rest is still syntax-checked.
     *
     * @param unicodeEscapes whether the line holds a backslash-u escape at all, passed on to {@link FieldValues}
     * @return the first problem in the object's order, or a missing required field, or {@code null}
     */
    String firstProblem(JsonParser json, boolean unicodeEscapes) throws IOException {
        boolean[] present = new boolean[fieldCount];
        String problem = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (problem == null) {
                problem = field(name, value, present, json, unicodeEscapes);
            }
            if (value.isStructStart()) {
                json.skipChildren();
            }
        }
        if (problem != null) {
            return problem;
        }
        for (Slot slot : requiredInOrder) {
            if (!present[slot.index()]) {
                return "required field '" + slot.name() + "' is missing";
            }
        }
        return null;
    }

    private String field(String name, JsonToken value, boolean[] present, JsonParser json, boolean unicodeEscapes)
            throws IOException {
        Slot slot = slots.get(name);
        if (slot == null) {
            return "unknown field " + shown(name);
        }
        if (present[slot.index()]) {
            return "field '" + name + "' appears more than once";
        }
        present[slot.index()] = true;
        if (value == JsonToken.VALUE_NULL) {
            return slot.required() ? "required field '" + name + "' is null" : null;
        }
        return FieldValues.problem(slot.type(), name, value, json, unicodeEscapes);
    }

    private record Slot(int index, String name, FieldType type, boolean required) {
    }
}
