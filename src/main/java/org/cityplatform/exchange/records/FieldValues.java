package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.records.ProviderText.cut;
import static org.cityplatform.exchange.records.ProviderText.kind;
import static org.cityplatform.exchange.records.ProviderText.shown;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.format.DateTimeParseException;
import org.cityplatform.exchange.catalog.FieldType;

/**
 * Checks one non-null value of a {@code data} object against its field's type, reading it where the parser stands,
 * without copying it. Rules beyond the type names, decided here:
 * <ul>
 *   <li>Text that PostgreSQL's jsonb cannot hold (an escaped U+0000, or an escape for half of a surrogate pair) is
 *       refused per field, rather than failing the whole batch on insert.</li>
 *   <li>NUMBER values must fit an IEEE 754 double (RFC 8259 section 6): {@code 1e400} or {@code 1e-400} would turn
 *       into infinity or zero in most consumers, and PostgreSQL's numeric input refuses exponents beyond 1000.</li>
 * </ul>
 */
final class FieldValues {

    private FieldValues() {
    }

    /**
     * @param unicodeEscapes whether the line holds a backslash-u escape at all (see {@link #hasUnicodeEscape})
     * @return what is wrong with the value, or {@code null} when it fits
     */
    static String problem(FieldType type, String name, JsonToken value, JsonParser json, boolean unicodeEscapes)
            throws IOException {
        return switch (type) {
            case STRING -> value == JsonToken.VALUE_STRING ? storableText(name, json, unicodeEscapes)
                    : mismatch(name, type, value);
            case INTEGER -> integer(name, value, json);
            case NUMBER -> number(name, value, json);
            case BOOLEAN -> value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE
                    ? null : mismatch(name, type, value);
            case DATE -> value == JsonToken.VALUE_STRING ? date(name, json) : mismatch(name, type, value);
            case TIMESTAMP -> value == JsonToken.VALUE_STRING ? timestamp(name, json) : mismatch(name, type, value);
        };
    }

    /** Only lines with a backslash-u escape can hold text jsonb refuses, so only they pay for decoding strings. */
    static boolean hasUnicodeEscape(byte[] bytes, int from, int end) {
        for (int i = from; i < end - 1; i++) {
            if (bytes[i] == '\\' && bytes[i + 1] == 'u') {
                return true;
            }
        }
        return false;
    }

    /** Strict on purpose: 1.0 or 1e3 for an integer field usually means the provider's column is not integer. */
    private static String integer(String name, JsonToken value, JsonParser json) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType type = json.getNumberType();
            if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                return null;
            }
            return "field '" + name + "': " + cut(json.getText()) + " is outside the integer range "
                    + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            return "field '" + name + "' must be an integer, got " + cut(json.getText())
                    + " (a number with a fraction or exponent)";
        }
        return mismatch(name, FieldType.INTEGER, value);
    }

    private static String number(String name, JsonToken value, JsonParser json) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return null;
        }
        if (value != JsonToken.VALUE_NUMBER_FLOAT) {
            return mismatch(name, FieldType.NUMBER, value);
        }
        double d = json.getDoubleValue();
        if (Double.isInfinite(d)) {
            return "field '" + name + "': " + cut(json.getText())
                    + " is too large; numbers must fit a double (at most about 1.8e308)";
        }
        if (d == 0.0 && hasNonZeroDigitBeforeExponent(json)) {
            return "field '" + name + "': " + cut(json.getText())
                    + " is too small to tell from zero; numbers must fit a double (at least about 4.9e-324)";
        }
        return null;
    }

    private static boolean hasNonZeroDigitBeforeExponent(JsonParser json) throws IOException {
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
    private static String date(String name, JsonParser json) throws IOException {
        String text = json.getText();
        if (isIsoDate(text)) {
            return null;
        }
        return "field '" + name + "': " + shown(text) + " is not a date (YYYY-MM-DD)";
    }

    private static String timestamp(String name, JsonParser json) throws IOException {
        String text = json.getText();
        try {
            OffsetDateTime.parse(text);
            return null;
        } catch (DateTimeParseException e) {
            return "field '" + name + "': " + shown(text)
                    + " is not a timestamp with offset (ISO-8601, e.g. 2026-11-25T10:00:00+08:00)";
        }
    }

    private static String storableText(String name, JsonParser json, boolean unicodeEscapes) throws IOException {
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

    private static String mismatch(String name, FieldType type, JsonToken value) {
        return "field '" + name + "' must be " + expected(type) + ", got " + kind(value);
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
}
