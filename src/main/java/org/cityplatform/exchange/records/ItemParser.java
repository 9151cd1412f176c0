package org.cityplatform.exchange.records;

import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cityplatform.exchange.catalog.FieldDefinition;
import org.cityplatform.exchange.catalog.FieldType;
import org.cityplatform.exchange.identity.InvalidKeyException;
import org.cityplatform.exchange.identity.SubjectKeys;
import org.cityplatform.exchange.identity.SubjectType;

/**
 * Reads one pushed item, {@code {"key": "...", "data": {...}}} or {@code {"key": "...", "deleted": true}}, and checks
 * it against one dataset's subject type and fields. Immutable and thread-safe: build one per dataset schema and reuse
 * it across requests.
 *
 * <p>Shape rules beyond the contract's wording, decided here:
 * <ul>
 *   <li>{@code "deleted": false} with {@code data} is an ordinary upsert, so a provider may always send the flag.</li>
 *   <li>{@code "data": null} and {@code "deleted": null} count as absent, because many serialisers write unset
 *       members as null. A removal may therefore carry {@code "data": null}.</li>
 *   <li>A line that is not well-formed JSON is reported as {@code MALFORMED_JSON} even when an earlier part of it also
 *       breaks a rule: the provider has to fix the syntax first. Otherwise the first problem in the line's order is
 *       reported; whole-item rules (key missing, data missing) come last because they are only known at the end.</li>
 *   <li>Error keys: after a problem the rest of the line is still read (not validated), so the error carries the key
 *       even when {@code data} came first.</li>
 *   <li>Text that PostgreSQL's jsonb cannot hold (an escaped U+0000, or an escape for half of a surrogate pair) is
 *       refused per field, rather than failing the whole batch on insert.</li>
 *   <li>NUMBER values must fit an IEEE 754 double (RFC 8259 section 6): {@code 1e400} or {@code 1e-400} would turn
 *       into infinity or zero in most consumers, and PostgreSQL's numeric input refuses exponents beyond 1000.</li>
 * </ul>
 */
public final class ItemParser {

    /** Per-item limit (1 MiB) for NDJSON lines and array elements alike, counted without line terminators. */
    public static final int MAX_ITEM_BYTES = 1_048_576;

    /**
     * One factory for all parsers: it is thread-safe and owns the shared field-name table, so repeated field names
     * come back as the same String instances. Interning is off because field names are provider-controlled input.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final int SHOWN_TEXT_LIMIT = 100;

    private final SubjectType subjectType;
    private final Map<String, Slot> slots;
    private final int fieldCount;
    private final Slot[] requiredInOrder;

    public ItemParser(SubjectType subjectType, List<FieldDefinition> fields) {
        this.subjectType = Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(fields, "fields");
        Map<String, Slot> byName = new HashMap<>(fields.size() * 2);
        List<Slot> required = new ArrayList<>();
        for (FieldDefinition field : fields) {
            Objects.requireNonNull(field, "field");
            Slot slot = new Slot(byName.size(), field.name(), Objects.requireNonNull(field.type(), "type"),
                    field.isRequired());
            if (byName.putIfAbsent(field.name(), slot) != null) {
                throw new IllegalArgumentException("field '" + field.name() + "' is defined twice");
            }
            if (field.isRequired()) {
                required.add(slot);
            }
        }
        this.slots = byName;
        this.fieldCount = byName.size();
        this.requiredInOrder = required.toArray(Slot[]::new);
    }

    /** For a line the caller refused before reading it whole, so both paths report the same words. */
    public static ItemError tooLong(long line, long length) {
        return new ItemError(line, null, ItemCode.LINE_TOO_LONG,
                "line is " + length + " bytes, the limit is " + MAX_ITEM_BYTES);
    }

    /**
     * Parses one NDJSON line or array element. The bytes may end with "\n" or "\r\n", and line 1 may start with a
     * UTF-8 byte order mark; neither counts towards the limit.
     *
     * @param line 1-based line (or element index), reported back in errors
     */
    public ParsedItem parse(long line, byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int start = offset;
        int end = offset + length;
        if (line == 1 && end - start >= 3
                && bytes[start] == (byte) 0xEF && bytes[start + 1] == (byte) 0xBB && bytes[start + 2] == (byte) 0xBF) {
            start += 3;
        }
        if (end > start && bytes[end - 1] == '\n') {
            end--;
        }
        if (end > start && bytes[end - 1] == '\r') {
            end--;
        }
        if (end - start > MAX_ITEM_BYTES) {
            return tooLong(line, end - start);
        }
        int first = start;
        while (first < end && isWhitespace(bytes[first])) {
            first++;
        }
        if (first == end) {
            return ParsedItem.BLANK;
        }
        ItemError unreadable = unreadableStart(line, bytes, start, first, end);
        if (unreadable != null) {
            return unreadable;
        }
        int invalid = StrictUtf8.firstInvalid(bytes, first, end);
        if (invalid >= 0) {
            return malformed(line, null, column(bytes, start, invalid), String.format(
                    "invalid UTF-8 (byte 0x%02X starts no well-formed sequence)", bytes[invalid] & 0xFF));
        }
        try (JsonParser json = JSON.createParser(bytes, first, end - first)) {
            return new Reading(line, json, bytes, start, first, end).read();
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a byte array failed", e);
        }
    }

    /**
     * Jackson guesses UTF-16 or UTF-32 from NUL bytes and byte order marks in the first four bytes. The body is UTF-8
     * by contract, and valid UTF-8 JSON never has those there, so such starts are refused before Jackson sees them;
     * otherwise its byte offsets, which cut out {@code data}, would mean something else.
     */
    private static ItemError unreadableStart(long line, byte[] bytes, int start, int first, int end) {
        int b = bytes[first] & 0xFF;
        if (b >= 0x80) {
            return malformed(line, null, column(bytes, start, first),
                    b == 0xEF ? "unexpected byte order mark; it is only allowed at the start of the body"
                            : "expected '{' to start an item, got a non-ASCII character");
        }
        for (int i = first; i < Math.min(end, first + 4); i++) {
            if (bytes[i] == 0) {
                return malformed(line, null, column(bytes, start, i), "unexpected NUL byte (U+0000)");
            }
        }
        return null;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** 1-based column in characters, not bytes, so it matches what an editor shows for Chinese text. */
    private static int column(byte[] bytes, int lineStart, int position) {
        int characters = 0;
        for (int i = lineStart; i < position; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                characters++;
            }
        }
        return characters + 1;
    }

    private static ItemError malformed(long line, String key, int column, String reason) {
        return new ItemError(line, key, ItemCode.MALFORMED_JSON, "malformed JSON at column " + column + ": " + reason);
    }

    /** Quotes provider text for a message, cut short so one huge value cannot bloat an error report. */
    private static String shown(String text) {
        return "'" + cut(text) + "'";
    }

    private static String cut(String text) {
        if (text.length() <= SHOWN_TEXT_LIMIT) {
            return text;
        }
        int at = SHOWN_TEXT_LIMIT;
        if (Character.isHighSurrogate(text.charAt(at - 1))) {
            at--;
        }
        return text.substring(0, at) + "…";
    }

    private record Slot(int index, String name, FieldType type, boolean required) {
    }

    /** State of one parse; lives for one call, which is what keeps the parser itself immutable. */
    private final class Reading {

        private final long line;
        private final JsonParser json;
        private final byte[] bytes;
        private final int lineStart;
        /** Array index that Jackson's byte offsets count from. */
        private final int base;
        /** Only lines with a backslash-u escape can hold text jsonb refuses, so only they pay for decoding strings. */
        private final boolean unicodeEscapes;

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

        Reading(long line, JsonParser json, byte[] bytes, int lineStart, int base, int end) {
            this.line = line;
            this.json = json;
            this.bytes = bytes;
            this.lineStart = lineStart;
            this.base = base;
            this.unicodeEscapes = hasUnicodeEscape(bytes, base, end);
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
                return malformed(line, errorKey(), columnOf(at), reason(e));
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
                fields();
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

        /** Walks the data object; after the first problem it only skips, so the rest is still syntax-checked. */
        private void fields() throws IOException {
            boolean[] present = new boolean[fieldCount];
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                if (problemCode == null) {
                    field(name, value, present);
                }
                if (value.isStructStart()) {
                    json.skipChildren();
                }
            }
            if (problemCode == null) {
                for (Slot slot : requiredInOrder) {
                    if (!present[slot.index()]) {
                        problem(ItemCode.SCHEMA_VIOLATION, "required field '" + slot.name() + "' is missing");
                        return;
                    }
                }
            }
        }

        private void field(String name, JsonToken value, boolean[] present) throws IOException {
            Slot slot = slots.get(name);
            if (slot == null) {
                problem(ItemCode.SCHEMA_VIOLATION, "unknown field " + shown(name));
                return;
            }
            if (present[slot.index()]) {
                problem(ItemCode.SCHEMA_VIOLATION, "field '" + name + "' appears more than once");
                return;
            }
            present[slot.index()] = true;
            if (value == JsonToken.VALUE_NULL) {
                if (slot.required()) {
                    problem(ItemCode.SCHEMA_VIOLATION, "required field '" + name + "' is null");
                }
                return;
            }
            String wrong = switch (slot.type()) {
                case STRING -> value == JsonToken.VALUE_STRING ? storableText(name) : mismatch(slot, value);
                case INTEGER -> integer(slot, value);
                case NUMBER -> number(slot, value);
                case BOOLEAN -> value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE
                        ? null : mismatch(slot, value);
                case DATE -> value == JsonToken.VALUE_STRING ? date(name) : mismatch(slot, value);
                case TIMESTAMP -> value == JsonToken.VALUE_STRING ? timestamp(name) : mismatch(slot, value);
            };
            if (wrong != null) {
                problem(ItemCode.SCHEMA_VIOLATION, wrong);
            }
        }

        /** Strict on purpose: 1.0 or 1e3 for an integer field usually means the provider's column is not integer. */
        private String integer(Slot slot, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NUMBER_INT) {
                JsonParser.NumberType type = json.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    return null;
                }
                return "field '" + slot.name() + "': " + cut(json.getText()) + " is outside the integer range "
                        + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
            }
            if (value == JsonToken.VALUE_NUMBER_FLOAT) {
                return "field '" + slot.name() + "' must be an integer, got " + cut(json.getText())
                        + " (a number with a fraction or exponent)";
            }
            return mismatch(slot, value);
        }

        private String number(Slot slot, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NUMBER_INT) {
                return null;
            }
            if (value != JsonToken.VALUE_NUMBER_FLOAT) {
                return mismatch(slot, value);
            }
            double d = json.getDoubleValue();
            if (Double.isInfinite(d)) {
                return "field '" + slot.name() + "': " + cut(json.getText())
                        + " is too large; numbers must fit a double (at most about 1.8e308)";
            }
            if (d == 0.0 && hasNonZeroDigitBeforeExponent()) {
                return "field '" + slot.name() + "': " + cut(json.getText())
                        + " is too small to tell from zero; numbers must fit a double (at least about 4.9e-324)";
            }
            return null;
        }

        private boolean hasNonZeroDigitBeforeExponent() throws IOException {
            char[] text = json.getTextCharacters();
            int end = json.getTextOffset() + json.getTextLength();
            for (int i = json.getTextOffset(); i < end; i++) {
                char c = text[i];
                if (c == 'e' || c == 'E') {
                    return false;
                }
                if (c >= '1' && c <= '9') {
                    return true;
                }
            }
            return false;
        }

        /** YYYY-MM-DD checked by hand: LocalDate.parse would also take "+12345-01-01" and throws on every miss. */
        private String date(String name) throws IOException {
            String text = json.getText();
            if (isIsoDate(text)) {
                return null;
            }
            return "field '" + name + "': " + shown(text) + " is not a date (YYYY-MM-DD)";
        }

        private String timestamp(String name) throws IOException {
            String text = json.getText();
            try {
                OffsetDateTime.parse(text);
                return null;
            } catch (DateTimeParseException e) {
                return "field '" + name + "': " + shown(text)
                        + " is not a timestamp with offset (ISO-8601, e.g. 2026-11-25T10:00:00+08:00)";
            }
        }

        private String storableText(String name) throws IOException {
            if (!unicodeEscapes) {
                return null;
            }
            char[] text = json.getTextCharacters();
            int from = json.getTextOffset();
            int end = from + json.getTextLength();
            for (int i = from; i < end; i++) {
                char c = text[i];
                if (c == 0) {
                    return "field '" + name + "': text contains \\u0000, which cannot be stored";
                }
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text[i + 1])) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return "field '" + name + "': text contains \\u" + Integer.toHexString(c)
                            + ", half of a surrogate pair, which cannot be stored";
                }
            }
            return null;
        }

        private String mismatch(Slot slot, JsonToken value) {
            return "field '" + slot.name() + "' must be " + expected(slot.type()) + ", got " + kind(value);
        }

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

    private static boolean hasUnicodeEscape(byte[] bytes, int from, int end) {
        for (int i = from; i < end - 1; i++) {
            if (bytes[i] == '\\' && bytes[i + 1] == 'u') {
                return true;
            }
        }
        return false;
    }

    static boolean isIsoDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return false;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        return day <= Month.of(month).length(Year.isLeap(year));
    }

    /** Value of ASCII digits text[from, to), or -1 if any is not one. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String expected(FieldType type) {
        return switch (type) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case DATE -> "a date string (YYYY-MM-DD)";
            case TIMESTAMP -> "a timestamp string (ISO-8601 with offset)";
        };
    }

    private static String kind(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "an unexpected token";
        };
    }

    /**
     * Jackson's messages, trimmed to what a provider can act on: its location suffix, its feature and class names
     * and its character codes are dropped, because the message goes back over the wire.
     */
    private static String reason(JsonProcessingException e) {
        if (e instanceof JsonEOFException eof) {
            return eof.getTokenBeingDecoded() == JsonToken.VALUE_STRING
                    ? "the item ends inside a string"
                    : "the item ends before its object or array is closed";
        }
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            return "not valid JSON";
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (message.startsWith("Illegal unquoted character")) {
            return "control characters must be escaped inside strings";
        }
        message = message
                .replaceAll(", from `[^`]*`\\)", ")")
                .replaceAll(" \\((for|start marker at) [^)]*\\[Source.*$", "")
                .replaceAll(": enable `[^`]*` to allow", "")
                .replaceAll(" \\(code \\d+\\)", "");
        int leftover = indexOfAny(message, "`", "[Source", "REDACTED");
        if (leftover >= 0) {
            message = message.substring(0, leftover).strip();
        }
        if (e instanceof StreamConstraintsException && message.isEmpty()) {
            return "a value exceeds the parser's limits";
        }
        return message.isEmpty() ? "not valid JSON"
                : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    private static int indexOfAny(String text, String... parts) {
        int first = -1;
        for (String part : parts) {
            int at = text.indexOf(part);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }
}
