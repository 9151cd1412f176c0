package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.records.MalformedInput.column;
import static org.cityplatform.exchange.records.MalformedInput.malformed;
import static org.cityplatform.exchange.records.ProviderText.cut;
import static org.cityplatform.exchange.records.ProviderText.kind;
import static org.cityplatform.exchange.records.ProviderText.shown;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.cityplatform.exchange.identity.InvalidKeyException;
import org.cityplatform.exchange.identity.SubjectKeys;
import org.cityplatform.exchange.identity.SubjectType;

/**
 * One pass of Jackson over one item: its shape ({@code key}, {@code data}, {@code deleted}), with the data object
 * handed to {@link DataChecks} on the way. Lives for one call, which is what keeps {@link ItemParser} immutable.
 */
final class ItemReading {

    private final long line;
    private final JsonParser json;
    private final byte[] bytes;
    private final int lineStart;
    /** Array index that Jackson's byte offsets count from. */
    private final int base;
    private final boolean unicodeEscapes;
    private final SubjectType subjectType;
    private final DataChecks dataChecks;

    private boolean keySeen;
    private boolean dataSeen;
    private boolean deletedSeen;
    private boolean deleted;
    private String rawKey;
    private String key;
    private int dataFrom = -1;
    private int dataTo = -1;
    private ItemCode problemCode;
    private String problemMessage;

    /**
     * @param lineStart where the line starts after any byte order mark, for columns
     * @param base      where Jackson starts reading, after leading whitespace
     */
    ItemReading(long line, JsonParser json, byte[] bytes, int lineStart, int base, int end,
                SubjectType subjectType, DataChecks dataChecks) {
        this.line = line;
        this.json = json;
        this.bytes = bytes;
        this.lineStart = lineStart;
        this.base = base;
        this.unicodeEscapes = FieldValues.hasUnicodeEscape(bytes, base, end);
        this.subjectType = subjectType;
        this.dataChecks = dataChecks;
    }

    ParsedItem read() throws IOException {
        try {
            JsonToken token = json.nextToken();
            if (token == JsonToken.START_OBJECT) {
                members();
            } else {
                problem(ItemCode.SCHEMA_VIOLATION, "an item must be a JSON object, got " + kind(token));
                json.skipChildren();
            }
            if (json.nextToken() != null) {
                return malformed(line, errorKey(), columnOf(json.currentTokenLocation()),
                        "unexpected content after the end of the item");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation() != null ? e.getLocation() : json.currentLocation();
            return malformed(line, errorKey(), columnOf(at), MalformedInput.reason(e));
        }
        if (problemCode != null) {
            return new ItemError(line, errorKey(), problemCode, problemMessage);
        }
        return whole();
    }

    private ParsedItem whole() {
        if (!keySeen) {
            return schemaError("member 'key' is missing");
        }
        if (deleted && dataFrom >= 0) {
            return schemaError("an item has either 'data' or \"deleted\": true, not both");
        }
        if (deleted) {
            return new PushItem(line, key, null, true);
        }
        if (dataFrom < 0) {
            return schemaError(deletedSeen
                    ? "\"deleted\": false needs a 'data' object"
                    : "member 'data' is missing; send a 'data' object, or \"deleted\": true to remove the record");
        }
        return new PushItem(line, key, new String(bytes, dataFrom, dataTo - dataFrom, StandardCharsets.UTF_8),
                false);
    }

    private void members() throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            switch (name) {
                case "key" -> keyMember(value);
                case "data" -> dataMember(value);
                case "deleted" -> deletedMember(value);
                default -> problem(ItemCode.SCHEMA_VIOLATION, "unknown member " + shown(name)
                        + "; an item has only 'key', 'data' and 'deleted'");
            }
            if (json.currentToken().isStructStart()) {
                json.skipChildren();
            }
        }
    }

    private void keyMember(JsonToken value) throws IOException {
        if (keySeen) {
            problem(ItemCode.SCHEMA_VIOLATION, "member 'key' appears more than once");
            return;
        }
        keySeen = true;
        if (value != JsonToken.VALUE_STRING) {
            problem(ItemCode.SCHEMA_VIOLATION, "member 'key' must be a string, got " + kind(value));
            return;
        }
        rawKey = json.getText();
        // Art. 16: only the canonical form is stored, so one subject written two ways is still one record.
        try {
            key = SubjectKeys.canonical(subjectType, rawKey);
        } catch (InvalidKeyException e) {
            problem(ItemCode.INVALID_KEY, "key: " + e.getMessage());
        }
    }

    private void dataMember(JsonToken value) throws IOException {
        if (dataSeen) {
            problem(ItemCode.SCHEMA_VIOLATION, "member 'data' appears more than once");
            return;
        }
        dataSeen = true;
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.START_OBJECT) {
            problem(ItemCode.SCHEMA_VIOLATION, "member 'data' must be an object, got " + kind(value));
            return;
        }
        int from = offsetOf(json.currentTokenLocation());
        if (problemCode == null) {
            String wrong = dataChecks.firstProblem(json, unicodeEscapes);
            if (wrong != null) {
                problem(ItemCode.SCHEMA_VIOLATION, wrong);
            }
        } else {
            json.skipChildren();
        }
        // Slicing the bytes as sent is far cheaper than re-serialising, and they were just proven valid JSON.
        dataFrom = from;
        dataTo = offsetOf(json.currentTokenLocation()) + 1;
    }

    private void deletedMember(JsonToken value) {
        if (deletedSeen) {
            problem(ItemCode.SCHEMA_VIOLATION, "member 'deleted' appears more than once");
            return;
        }
        deletedSeen = true;
        if (value == JsonToken.VALUE_TRUE) {
            deleted = true;
        } else if (value != JsonToken.VALUE_FALSE && value != JsonToken.VALUE_NULL) {
            problem(ItemCode.SCHEMA_VIOLATION, "member 'deleted' must be true or false, got " + kind(value));
        }
    }

    /** The first problem in the line's order wins; the rest of the line is still read, for its syntax and its key. */
    private void problem(ItemCode code, String message) {
        if (problemCode == null) {
            problemCode = code;
            problemMessage = message;
        }
    }

    private ItemError schemaError(String message) {
        return new ItemError(line, errorKey(), ItemCode.SCHEMA_VIOLATION, message);
    }

    private String errorKey() {
        return key != null ? key : rawKey == null ? null : cut(rawKey);
    }

    private int offsetOf(JsonLocation location) {
        return base + (int) location.getByteOffset();
    }

    private int columnOf(JsonLocation location) {
        long offset = location.getByteOffset();
        int position = offset < 0 ? base : (int) Math.min(base + offset, bytes.length);
        return column(bytes, lineStart, position);
    }
}
