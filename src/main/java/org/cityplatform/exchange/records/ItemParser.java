package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.records.MalformedInput.column;
import static org.cityplatform.exchange.records.MalformedInput.malformed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.cityplatform.exchange.catalog.FieldDefinition;
import org.cityplatform.exchange.identity.SubjectType;

/**
 * Reads one pushed item, {@code {"key": "...", "data": {...}}} or {@code {"key": "...", "deleted": true}}, and checks
 * it against one dataset's subject type and fields. Immutable and thread-safe: build one per dataset schema and reuse
 * it across requests.
 *
 * <p>This class frames the line (byte order mark, line terminator, size limit, blank lines, bytes Jackson would
 * misread) and then makes one pass of Jackson over it: {@link ItemReading} reads the item's shape,
 * {@link DataChecks} and {@link FieldValues} check its data, {@link MalformedInput} words the syntax errors.
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
 * </ul>
 * The rules for data values (text jsonb can hold, numbers that fit a double) are on {@link FieldValues}.
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

    private final SubjectType subjectType;
    private final DataChecks dataChecks;

    public ItemParser(SubjectType subjectType, List<FieldDefinition> fields) {
        this.subjectType = Objects.requireNonNull(subjectType, "subjectType");
        this.dataChecks = new DataChecks(Objects.requireNonNull(fields, "fields"));
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
        ItemError unreadable = MalformedInput.unreadableStart(line, bytes, start, first, end);
        if (unreadable != null) {
            return unreadable;
        }
        int invalid = StrictUtf8.firstInvalid(bytes, first, end);
        if (invalid >= 0) {
            return malformed(line, null, column(bytes, start, invalid), String.format(
                    "invalid UTF-8 (byte 0x%02X starts no well-formed sequence)", bytes[invalid] & 0xFF));
        }
        try (JsonParser json = JSON.createParser(bytes, first, end - first)) {
            return new ItemReading(line, json, bytes, start, first, end, subjectType, dataChecks).read();
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a byte array failed", e);
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
