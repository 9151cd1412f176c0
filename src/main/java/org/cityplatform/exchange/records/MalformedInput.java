package org.cityplatform.exchange.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * The {@code MALFORMED_JSON} errors of an item: where in the line (as a column an editor shows) and why, in words a
 * provider can act on. Also refuses the starts that Jackson would misread before it sees them.
 */
final class MalformedInput {

    private MalformedInput() {
    }

    static ItemError malformed(long line, String key, int column, String reason) {
        return new ItemError(line, key, ItemCode.MALFORMED_JSON, "malformed JSON at column " + column + ": " + reason);
    }

    /** 1-based column in characters, not bytes, so it matches what an editor shows for Chinese text. */
    static int column(byte[] bytes, int lineStart, int position) {
        int characters = 0;
        for (int i = lineStart; i < position; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                characters++;
            }
        }
        return characters + 1;
    }

    /**
     * Jackson guesses UTF-16 or UTF-32 from NUL bytes and byte order marks in the first four bytes. The body is UTF-8
     * by contract, and valid UTF-8 JSON never has those there, so such starts are refused before Jackson sees them;
     * otherwise its byte offsets, which cut out {@code data}, would mean something else.
     *
     * @return the error, or {@code null} when Jackson may read the line
     */
    static ItemError unreadableStart(long line, byte[] bytes, int start, int first, int end) {
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

    /**
     * Jackson's messages, trimmed to what a provider can act on: its location suffix, its feature and class names
     * and its character codes are dropped, because the message goes back over the wire.
     */
    static String reason(JsonProcessingException e) {
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
