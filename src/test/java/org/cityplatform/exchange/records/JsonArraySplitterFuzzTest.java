package org.cityplatform.exchange.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Fuzzes the JSON array splitter two ways from the same input: the input's bytes as a body of any shape, which must
 * split the same however they are chunked, with well-formed reports; and a well-formed array generated from the input
 * (deep nesting, escapes, brackets inside strings, huge numbers, a byte order mark, stray whitespace), whose elements
 * must come back exactly as written, over-long ones reported with their length and the rest still delivered.
 */
class JsonArraySplitterFuzzTest {

    private static final int LIMIT = ItemParser.MAX_ITEM_BYTES;

    @FuzzTest(maxDuration = "10s")
    void elementsDoNotDependOnChunkingAndAGeneratedArrayComesBackWhole(FuzzedDataProvider data) {
        int mode = data.consumeInt(0, 31);
        // Rare, because scanning a megabyte under Jazzer's instrumentation costs as much as a thousand small bodies.
        boolean overLong = mode == 31;
        // Small chunks cut everything everywhere; a megabyte element is cut into fewer, larger ones to stay fast.
        ChunkPlan plan = overLong ? ChunkPlan.from(data, 4096, 65_536)
                : ChunkPlan.from(data, data.consumeBoolean() ? 8 : 4096);
        if (mode < 16) {
            byte[] body = data.consumeRemainingAsBytes();
            List<String> whole = split(body, ChunkPlan.WHOLE);
            assertEquals(whole, split(body, plan), "fed in " + plan);
            assertEquals(whole, split(body, ChunkPlan.BYTE_BY_BYTE), "fed byte by byte");
            return;
        }
        GeneratedArray array = GeneratedArray.from(data, overLong);
        List<String> expected = array.expectedEvents();
        assertEquals(expected, split(array.body(), ChunkPlan.WHOLE), "generated array fed whole");
        assertEquals(expected, split(array.body(), plan), "generated array fed in " + plan);
    }

    private static List<String> split(byte[] body, ChunkPlan plan) {
        JsonArraySplitter splitter = new JsonArraySplitter();
        Recorder recorder = new Recorder();
        plan.feed(body, (chunk, offset, length) -> {
            splitter.feed(chunk, offset, length, recorder);
            int held = bufferLength(splitter);
            assertTrue(held <= LIMIT, "buffer grew to " + held + " bytes, beyond the element limit");
        });
        splitter.end(recorder);
        return recorder.events;
    }

    /** Records what the splitter reports and checks each report against the sink's contract as it arrives. */
    private static final class Recorder implements ElementSink {

        final List<String> events = new ArrayList<>();
        private long elements;
        private boolean broken;

        @Override
        public void element(long index, byte[] bytes, int offset, int length) {
            next(index);
            assertTrue(length > 0 && length <= LIMIT, "element " + index + " of " + length + " bytes");
            assertTrue(!isWhitespace(bytes[offset]) && !isWhitespace(bytes[offset + length - 1]),
                    "element " + index + " is delivered without surrounding whitespace");
            events.add("element " + index + ": " + text(bytes, offset, length));
        }

        @Override
        public void tooLong(long index, long length) {
            next(index);
            assertTrue(length > LIMIT, "element " + index + " of " + length + " bytes refused as too long");
            events.add("too long " + index + ": " + length);
        }

        @Override
        public void malformed(long index, String message) {
            if (broken) {
                fail("a second structural error after the first: " + message);
            }
            broken = true;
            assertTrue(index == 0 || index == elements || index == elements + 1,
                    "malformed report names item " + index + " after " + elements + " elements: " + message);
            assertTrue(message != null && !message.isBlank(), "a structural error says what is wrong");
            events.add("malformed " + index + ": " + message);
        }

        private void next(long index) {
            if (broken) {
                fail("item " + index + " reported after the body was found broken");
            }
            assertEquals(++elements, index, "elements are numbered 1, 2, 3... in order");
        }
    }

    private static String text(byte[] bytes, int offset, int length) {
        // Hex keeps invalid UTF-8 distinguishable; a long element is summarised so a failure stays readable.
        if (length > 300) {
            return length + " bytes, " + HexFormat.of().formatHex(bytes, offset, offset + 40) + "…"
                    + HexFormat.of().formatHex(bytes, offset + length - 40, offset + length);
        }
        return HexFormat.of().formatHex(bytes, offset, offset + length);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static final Field BUFFER = bufferField();

    private static Field bufferField() {
        try {
            Field buffer = JsonArraySplitter.class.getDeclaredField("buffer");
            buffer.setAccessible(true);
            return buffer;
        } catch (NoSuchFieldException e) {
            throw new AssertionError("JsonArraySplitter no longer has its buffer; update this test", e);
        }
    }

    /** Read reflectively because the splitter rightly exposes no buffer; this is the only way to see its memory. */
    private static int bufferLength(JsonArraySplitter splitter) {
        try {
            byte[] buffer = (byte[]) BUFFER.get(splitter);
            return buffer == null ? 0 : buffer.length;
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** A well-formed JSON array built from fuzzer input, with the elements as they were written into it. */
    private record GeneratedArray(byte[] body, List<byte[]> elements) {

        private static final String WHITESPACE = " \t\r\n";

        static GeneratedArray from(FuzzedDataProvider data, boolean withOverLongElement) {
            StringBuilder body = new StringBuilder();
            List<byte[]> elements = new ArrayList<>();
            if (data.consumeBoolean()) {
                body.append('\uFEFF');
            }
            whitespace(data, body);
            body.append('[');
            int count = data.consumeInt(0, 6);
            int overLong = withOverLongElement ? data.consumeInt(0, Math.max(0, count - 1)) : -1;
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    whitespace(data, body);
                    body.append(',');
                }
                whitespace(data, body);
                StringBuilder element = new StringBuilder();
                if (i == overLong) {
                    // Just over the limit, with brackets and escaped quotes that must not end it early.
                    String unit = "[{\\\"]},";
                    element.append('"').append(unit.repeat(LIMIT / unit.length() + 1));
                    element.append("x".repeat(data.consumeInt(0, 3))).append('"');
                } else {
                    value(data, element, 0);
                }
                body.append(element);
                elements.add(element.toString().getBytes(StandardCharsets.UTF_8));
            }
            whitespace(data, body);
            body.append(']');
            whitespace(data, body);
            return new GeneratedArray(body.toString().getBytes(StandardCharsets.UTF_8), elements);
        }

        List<String> expectedEvents() {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < elements.size(); i++) {
                byte[] element = elements.get(i);
                events.add(element.length > LIMIT ? "too long " + (i + 1) + ": " + element.length
                        : "element " + (i + 1) + ": " + text(element, 0, element.length));
            }
            return events;
        }

        private static void whitespace(FuzzedDataProvider data, StringBuilder out) {
            for (int n = data.consumeInt(0, 2); n > 0; n--) {
                out.append(WHITESPACE.charAt(data.consumeInt(0, 3)));
            }
        }

        private static void value(FuzzedDataProvider data, StringBuilder out, int depth) {
            switch (data.consumeInt(0, depth < 6 ? 7 : 4)) {
                case 0 -> string(data, out);
                case 1 -> out.append(data.consumeBoolean() ? "-" : "").append(digits(data, 1, 400))
                        .append(data.consumeBoolean() ? "." + digits(data, 1, 40) : "")
                        .append(data.consumeBoolean() ? "e" + (data.consumeBoolean() ? "-" : "+")
                                + digits(data, 1, 6) : "");
                case 2 -> out.append(data.pickValue(List.of("true", "false", "null")));
                case 3 -> {
                    int levels = data.consumeInt(1, 3000);
                    out.append("[".repeat(levels)).append("]".repeat(levels));
                }
                case 4 -> out.append("{\"key\":\"11010519491231002X\",\"data\":{\"name\":\"李雷\"}}");
                case 5, 6 -> {
                    out.append('[');
                    for (int n = data.consumeInt(0, 3), i = 0; i < n; i++) {
                        out.append(i > 0 ? "," : "");
                        whitespace(data, out);
                        value(data, out, depth + 1);
                    }
                    out.append(']');
                }
                default -> {
                    out.append('{');
                    for (int n = data.consumeInt(0, 3), i = 0; i < n; i++) {
                        out.append(i > 0 ? "," : "");
                        string(data, out);
                        out.append(':');
                        whitespace(data, out);
                        value(data, out, depth + 1);
                    }
                    out.append('}');
                }
            }
        }

        /** A JSON string whose text is fuzzer-chosen: quotes, backslashes and controls escaped, the rest raw. */
        private static void string(FuzzedDataProvider data, StringBuilder out) {
            out.append('"');
            String text = data.consumeString(24);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else if (Character.isSurrogate(c)) {
                    // A lone surrogate cannot be encoded as UTF-8; JSON allows it escaped.
                    out.append(String.format("\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        }

        private static String digits(FuzzedDataProvider data, int min, int max) {
            StringBuilder out = new StringBuilder();
            for (int n = data.consumeInt(min, max); n > 0; n--) {
                out.append((char) ('0' + data.consumeInt(0, 9)));
            }
            return out.toString();
        }
    }
}
