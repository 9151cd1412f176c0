package org.cityplatform.exchange.records;

import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts a JSON array body, arriving in chunks split anywhere, into its top-level elements, so a large push never has
 * to be held in memory: at most one element of up to {@link ItemParser#MAX_ITEM_BYTES} is kept, and only when it
 * straddles chunks (an element inside one chunk is handed over as a slice of that chunk).
 *
 * <p>This is only a structural scan: it follows strings, escapes and bracket depth to find where each element ends,
 * and leaves the JSON inside an element to {@link ItemParser}. Bracket kinds are not matched here; an element such as
 * {@code {"a":[1}} is cut where its depth returns to zero and the parser then reports it as malformed. Multi-byte
 * UTF-8 needs no care: none of its bytes can be mistaken for an ASCII quote, backslash, bracket or comma.
 *
 * <p>An element longer than the limit is counted but not kept, and reported through {@link ElementSink#tooLong} with
 * its full length once its end is found; the elements after it are still delivered.
 *
 * <p>One instance per request body; not thread-safe.
 */
public final class JsonArraySplitter {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int FIRST_BUFFER = 8192;

    private enum State {
        /** Before '[': whitespace and a leading byte order mark are allowed. */
        BODY,
        /** After '[': an element or ']' (empty array). */
        FIRST,
        /** After ',': an element must follow. */
        NEXT,
        ELEMENT,
        /** After an element: ',' or ']'. */
        AFTER_ELEMENT,
        /** After the closing ']': only whitespace. */
        DONE,
        /** A structural error was reported; everything else is ignored. */
        BROKEN,
        ENDED
    }

    private enum Kind { CONTAINER, STRING, SCALAR }

    private State state = State.BODY;
    private int bomMatched;
    private boolean bodyStarted;
    private long index;

    private Kind kind;
    private long depth;
    private boolean inString;
    private boolean escaped;
    /** Bytes of the current element from earlier chunks; more than the limit means they were counted, not kept. */
    private long carried;
    private byte[] buffer;

    public void feed(byte[] chunk, int offset, int length, ElementSink sink) {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        Objects.requireNonNull(sink, "sink");
        if (state == State.ENDED) {
            throw new IllegalStateException("the body has already ended");
        }
        int end = offset + length;
        int i = offset;
        int elementStart = offset;
        while (i < end && state != State.BROKEN) {
            if (state == State.ELEMENT) {
                int stop = scan(chunk, i, end);
                if (stop < 0) {
                    keep(chunk, elementStart, end);
                    return;
                }
                complete(chunk, elementStart, stop, sink);
                i = stop;
                continue;
            }
            byte b = chunk[i];
            switch (state) {
                case BODY -> body(b, sink);
                case FIRST, NEXT -> {
                    if (startsElement(b, sink)) {
                        elementStart = i;
                    }
                }
                case AFTER_ELEMENT -> afterElement(b, sink);
                case DONE -> {
                    if (!isWhitespace(b)) {
                        broken(sink, 0, "unexpected content after the closing ']' of the array");
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
            i++;
        }
        if (state == State.ELEMENT) {
            // The element's first byte was this chunk's last one.
            keep(chunk, elementStart, end);
        }
    }

    public void end(ElementSink sink) {
        Objects.requireNonNull(sink, "sink");
        switch (state) {
            case BODY -> sink.malformed(0, bomMatched == 0 || bomMatched == BOM.length
                    ? "the body is empty; expected a JSON array" : "expected a JSON array of items");
            case FIRST, NEXT, AFTER_ELEMENT -> sink.malformed(index + 1,
                    "the body ends before the array is closed with ']'");
            case ELEMENT -> sink.malformed(index, "the body ends inside item " + index
                    + "; the array is not closed with ']'");
            case DONE, BROKEN -> {
            }
            case ENDED -> throw new IllegalStateException("the body has already ended");
        }
        state = State.ENDED;
        buffer = null;
    }

    private void body(byte b, ElementSink sink) {
        if (!bodyStarted && bomMatched < BOM.length && b == BOM[bomMatched]) {
            bomMatched++;
            return;
        }
        if (bomMatched > 0 && bomMatched < BOM.length) {
            broken(sink, 0, "expected a JSON array of items");
            return;
        }
        bodyStarted = true;
        if (b == '[') {
            state = State.FIRST;
        } else if (!isWhitespace(b)) {
            broken(sink, 0, "expected a JSON array of items");
        }
    }

    /** Returns whether b opened an element, which then starts at b. */
    private boolean startsElement(byte b, ElementSink sink) {
        if (isWhitespace(b)) {
            return false;
        }
        if (b == ']') {
            if (state == State.FIRST) {
                state = State.DONE;
            } else {
                broken(sink, index + 1, "expected item " + (index + 1) + " after ',', got ']'");
            }
            return false;
        }
        if (b == ',' || b == '}' || b == ':') {
            broken(sink, index + 1, "expected item " + (index + 1) + ", got '" + (char) b + "'");
            return false;
        }
        index++;
        carried = 0;
        depth = b == '{' || b == '[' ? 1 : 0;
        inString = b == '"';
        escaped = false;
        kind = depth == 1 ? Kind.CONTAINER : inString ? Kind.STRING : Kind.SCALAR;
        state = State.ELEMENT;
        return true;
    }

    private void afterElement(byte b, ElementSink sink) {
        if (b == ',') {
            state = State.NEXT;
        } else if (b == ']') {
            state = State.DONE;
        } else if (!isWhitespace(b)) {
            broken(sink, index + 1, "expected ',' or ']' after item " + index + ", got " + describe(b));
        }
    }

    /**
     * Scans the current element from {@code from}, which is never its first byte. Returns the index just past its
     * last byte, or -1 when the chunk ends inside it.
     */
    private int scan(byte[] chunk, int from, int end) {
        if (kind == Kind.SCALAR) {
            for (int i = from; i < end; i++) {
                byte b = chunk[i];
                // A scalar (number, literal, or garbage the parser will name) ends at anything structural.
                if (isWhitespace(b) || b == ',' || b == ']' || b == '}' || b == '[' || b == '{' || b == '"') {
                    return i;
                }
            }
            return -1;
        }
        for (int i = from; i < end; i++) {
            byte b = chunk[i];
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The chunk ends inside the element: keep its bytes while within the limit, afterwards only count them. */
    private void keep(byte[] chunk, int from, int end) {
        int length = end - from;
        long total = carried + length;
        if (total <= ItemParser.MAX_ITEM_BYTES) {
            ensureCapacity((int) total);
            System.arraycopy(chunk, from, buffer, (int) carried, length);
        }
        carried = total;
    }

    private void complete(byte[] chunk, int from, int stop, ElementSink sink) {
        int length = stop - from;
        long total = carried + length;
        state = State.AFTER_ELEMENT;
        if (total > ItemParser.MAX_ITEM_BYTES) {
            sink.tooLong(index, total);
        } else if (carried == 0) {
            sink.element(index, chunk, from, length);
        } else {
            ensureCapacity((int) total);
            System.arraycopy(chunk, from, buffer, (int) carried, length);
            sink.element(index, buffer, 0, (int) total);
        }
        carried = 0;
    }

    private void ensureCapacity(int needed) {
        if (buffer == null || buffer.length < needed) {
            int grown = buffer == null ? FIRST_BUFFER : buffer.length * 2;
            int size = Math.min(ItemParser.MAX_ITEM_BYTES, Math.max(needed, grown));
            buffer = buffer == null ? new byte[size] : Arrays.copyOf(buffer, size);
        }
    }

    private void broken(ElementSink sink, long at, String message) {
        state = State.BROKEN;
        buffer = null;
        sink.malformed(at, message);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static String describe(byte b) {
        return b >= 0x21 && b <= 0x7E ? "'" + (char) b + "'" : String.format("byte 0x%02X", b & 0xFF);
    }
}
