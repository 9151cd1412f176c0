package org.cityplatform.exchange.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cityplatform.exchange.catalog.FieldDefinition;
import org.cityplatform.exchange.catalog.FieldType;
import org.cityplatform.exchange.identity.SubjectType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonArraySplitterTest {

    private static final int LIMIT = ItemParser.MAX_ITEM_BYTES;

    /** Records what the splitter reports, as text, so runs with different chunking can be compared directly. */
    private static final class Recorder implements ElementSink {

        final List<String> events = new ArrayList<>();

        @Override
        public void element(long index, byte[] bytes, int offset, int length) {
            String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
            // Long elements are summarised so a failing comparison stays readable.
            events.add("element " + index + ": " + (length <= 200 ? text
                    : length + " bytes, " + text.substring(0, 40) + "…" + text.substring(text.length() - 40)));
        }

        @Override
        public void tooLong(long index, long length) {
            events.add("too long " + index + ": " + length);
        }

        @Override
        public void malformed(long index, String message) {
            events.add("malformed " + index + ": " + message);
        }
    }

    private static List<String> whole(byte[] body) {
        return inChunksOf(body, new int[] {Math.max(1, body.length)});
    }

    private static List<String> byteByByte(byte[] body) {
        return inChunksOf(body, new int[] {1});
    }

    private static List<String> randomChunks(byte[] body, long seed, int maxChunk) {
        Random random = new Random(seed);
        int[] sizes = new int[64];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = 1 + random.nextInt(maxChunk);
        }
        return inChunksOf(body, sizes);
    }

    /** Feeds copies of each chunk, so a splitter that kept a reference to an earlier chunk would be caught. */
    private static List<String> inChunksOf(byte[] body, int[] sizes) {
        JsonArraySplitter splitter = new JsonArraySplitter();
        Recorder recorder = new Recorder();
        int at = 0;
        for (int n = 0; at < body.length; n++) {
            int size = Math.min(sizes[n % sizes.length], body.length - at);
            byte[] chunk = new byte[size + 4];
            System.arraycopy(body, at, chunk, 2, size);
            splitter.feed(chunk, 2, size, recorder);
            at += size;
        }
        splitter.end(recorder);
        return recorder.events;
    }

    private static List<String> split(String body) {
        return whole(utf8(body));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertSameWhateverTheChunking(byte[] body, List<String> expected) {
        assertEquals(expected, whole(body), "fed whole");
        assertEquals(expected, byteByByte(body), "fed byte by byte");
        for (long seed = 1; seed <= 20; seed++) {
            assertEquals(expected, randomChunks(body, seed, 17), "fed in small random chunks, seed " + seed);
        }
        assertEquals(expected, randomChunks(body, 20261125L, 4096), "fed in large random chunks");
    }

    @Nested
    class Elements {

        @Test
        void eachTopLevelElementIsHandedOverWithoutTheSurroundingWhitespace() {
            assertEquals(List.of(
                    "element 1: {\"key\":\"A\",\"deleted\":true}",
                    "element 2: {\"key\":\"B\",\"data\":{\"n\":1}}"),
                    split(" \n[ {\"key\":\"A\",\"deleted\":true} ,\r\n\t{\"key\":\"B\",\"data\":{\"n\":1}}\n] \n"));
        }

        @Test
        void anEmptyArrayHasNoElements() {
            assertEquals(List.of(), split("[]"));
            assertEquals(List.of(), split("  [ \n ]  "));
        }

        @Test
        void aLeadingByteOrderMarkIsSkipped() {
            assertEquals(List.of("element 1: {}"), split("\uFEFF[{}]"));
        }

        @Test
        void commasBracketsAndBracesInsideStringsDoNotSplit() {
            String element = "{\"key\":\"A\",\"data\":{\"note\":\"a, b ] [ { } \\\" still inside \\\\\",\"x\":\"\\\\\"}}";
            assertEquals(List.of("element 1: " + element, "element 2: {}"), split("[" + element + ",{}]"));
        }

        @Test
        void anEscapedBackslashBeforeAQuoteEndsTheString() {
            String element = "{\"a\":\"ends with a backslash \\\\\"}";
            assertEquals(List.of("element 1: " + element, "element 2: [1]"), split("[" + element + ",[1]]"));
        }

        @Test
        void nestedArraysAndObjectsStayInsideTheirElement() {
            String element = "{\"key\":\"A\",\"data\":{\"tags\":[[1,2],[3,[4,{\"x\":[]}]]],\"o\":{\"p\":{}}}}";
            assertEquals(List.of("element 1: " + element), split("[" + element + "]"));
        }

        @Test
        void scalarElementsAreCutTooSoTheParserCanNameThem() {
            assertEquals(List.of("element 1: 1", "element 2: \"a,]\"", "element 3: true", "element 4: -2.5e3"),
                    split("[1, \"a,]\" ,true,-2.5e3 ]"));
        }

        @Test
        void theSameBodyGivesTheSameElementsHoweverItIsChunked() {
            String body = "\uFEFF \r\n[\n"
                    + "  {\"key\":\"11010519491231002x\",\"data\":{\"name\":\"张三, [李四] {王五}\",\"note\":\"\\\"q\\\" \\\\ \\\\\\\"\"}},\n"
                    + "  {\"key\":\"B\",\"data\":{\"list\":[[1,2],{\"a\":\"]\"}],\"emoji\":\"😀 ☃ €\"}},\n"
                    + "  {\"key\":\"C\",\"deleted\":true}\t,\n"
                    + "  \"scalar\" , 12345 , null\n"
                    + "]\n\n";
            byte[] bytes = utf8(body);
            List<String> expected = whole(bytes);
            assertEquals(6, expected.size(), expected.toString());
            assertSameWhateverTheChunking(bytes, expected);
        }

        @Test
        void aMultiByteCharacterSplitAcrossChunksArrivesIntact() {
            byte[] body = utf8("[{\"name\":\"中文\"}]");
            int inside = new String(body, StandardCharsets.UTF_8).indexOf('中') + 1;
            JsonArraySplitter splitter = new JsonArraySplitter();
            Recorder recorder = new Recorder();
            splitter.feed(body, 0, inside, recorder);
            splitter.feed(body, inside, 1, recorder);
            splitter.feed(body, inside + 1, body.length - inside - 1, recorder);
            splitter.end(recorder);
            assertEquals(List.of("element 1: {\"name\":\"中文\"}"), recorder.events);
        }

        @Test
        void anEscapeSplitAcrossChunksIsStillAnEscape() {
            byte[] body = utf8("[{\"a\":\"x\\\"],\"},{}]");
            int backslash = new String(body, StandardCharsets.UTF_8).indexOf('\\');
            JsonArraySplitter splitter = new JsonArraySplitter();
            Recorder recorder = new Recorder();
            splitter.feed(body, 0, backslash + 1, recorder);
            splitter.feed(body, backslash + 1, body.length - backslash - 1, recorder);
            splitter.end(recorder);
            assertEquals(List.of("element 1: {\"a\":\"x\\\"],\"}", "element 2: {}"), recorder.events);
        }
    }

    @Nested
    class ElementSize {

        @Test
        void anElementOfExactlyTheLimitIsDelivered() {
            String element = elementOfLength(LIMIT);
            byte[] body = utf8("[" + element + "]");
            List<String> expected = List.of("element 1: " + LIMIT + " bytes, " + element.substring(0, 40) + "…"
                    + element.substring(element.length() - 40));
            assertEquals(expected, whole(body));
            assertEquals(expected, randomChunks(body, 7, 65_536));
        }

        @Test
        void anOverLongElementIsReportedWithItsFullLengthAndTheNextOneStillArrives() {
            byte[] body = utf8("[" + elementOfLength(LIMIT + 1) + ", " + elementOfLength(3 * LIMIT) + " ,{\"key\":\"A\"}]");
            List<String> expected = List.of("too long 1: " + (LIMIT + 1), "too long 2: " + (3 * LIMIT),
                    "element 3: {\"key\":\"A\"}");
            assertEquals(expected, whole(body));
            assertEquals(expected, byteByByte(body));
            assertEquals(expected, randomChunks(body, 11, 65_536));
        }

        @Test
        void anOverLongScalarIsReportedToo() {
            byte[] body = utf8("[" + "1".repeat(LIMIT + 5) + ",2]");
            assertEquals(List.of("too long 1: " + (LIMIT + 5), "element 2: 2"), randomChunks(body, 3, 100_000));
        }

        private String elementOfLength(int length) {
            String empty = "{\"key\":\"A\",\"data\":{\"s\":\"\"}}";
            return "{\"key\":\"A\",\"data\":{\"s\":\"" + "x".repeat(length - empty.length()) + "\"}}";
        }
    }

    @Nested
    class MalformedBodies {

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n\r\n\t", "\uFEFF", "\uFEFF  \n"})
        void anEmptyBodyIsReportedAsSuch(String body) {
            assertEquals(List.of("malformed 0: the body is empty; expected a JSON array"), split(body));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"key\":\"A\",\"deleted\":true}", "\"items\"", "null", "  x[]"})
        void aBodyThatIsNotAnArrayIsRefused(String body) {
            assertEquals(List.of("malformed 0: expected a JSON array of items"), split(body));
        }

        @Test
        void anArrayThatIsNeverClosedIsRefusedAfterItsElements() {
            assertEquals(List.of("element 1: {}", "malformed 2: the body ends before the array is closed with ']'"),
                    split("[{}"));
            assertEquals(List.of("malformed 1: the body ends before the array is closed with ']'"), split("["));
            assertEquals(List.of("element 1: {}", "malformed 2: the body ends before the array is closed with ']'"),
                    split("[{},"));
        }

        @Test
        void aBodyThatEndsInsideAnElementIsRefused() {
            assertEquals(List.of("malformed 1: the body ends inside item 1; the array is not closed with ']'"),
                    split("[{\"key\":\"A\",\"data\":{\"s\":\"never closed"));
        }

        @Test
        void contentAfterTheClosingBracketIsRefused() {
            assertEquals(List.of("element 1: {}", "malformed 0: unexpected content after the closing ']' of the array"),
                    split("[{}] x"));
            assertEquals(List.of("malformed 0: unexpected content after the closing ']' of the array"), split("[][]"));
        }

        @Test
        void aMissingCommaBetweenElementsIsRefused() {
            assertEquals(List.of("element 1: {\"a\":1}", "malformed 2: expected ',' or ']' after item 1, got '{'"),
                    split("[{\"a\":1} {\"b\":2}]"));
            assertEquals(List.of("element 1: 1", "malformed 2: expected ',' or ']' after item 1, got '2'"),
                    split("[1 2]"));
        }

        @Test
        void aMissingOrDoubledElementBetweenCommasIsRefused() {
            assertEquals(List.of("element 1: {}", "malformed 2: expected item 2 after ',', got ']'"), split("[{},]"));
            assertEquals(List.of("malformed 1: expected item 1, got ','"), split("[,{}]"));
            assertEquals(List.of("element 1: {}", "malformed 2: expected item 2, got ','"), split("[{},,{}]"));
        }

        @Test
        void anUnbalancedClosingBraceAfterAnElementIsRefused() {
            assertEquals(List.of("element 1: {\"a\":1}", "malformed 2: expected ',' or ']' after item 1, got '}'"),
                    split("[{\"a\":1}}]"));
        }

        @Test
        void everythingAfterAStructuralErrorIsIgnored() {
            JsonArraySplitter splitter = new JsonArraySplitter();
            Recorder recorder = new Recorder();
            splitter.feed(utf8("[{} {}"), 0, 6, recorder);
            splitter.feed(utf8(",{},{}]"), 0, 7, recorder);
            splitter.end(recorder);
            assertEquals(List.of("element 1: {}", "malformed 2: expected ',' or ']' after item 1, got '{'"),
                    recorder.events);
        }

        @Test
        void malformedBodiesAreReportedTheSameHoweverTheyAreChunked() {
            for (String body : List.of("[{\"a\":\"]\"} {}]", "[{}]]", "\uFEFF{}", "[{\"a\":[1,2}", "[1,,2]",
                    "[\"unterminated")) {
                byte[] bytes = utf8(body);
                assertSameWhateverTheChunking(bytes, whole(bytes));
            }
        }

        @Test
        void feedingAfterTheEndIsAProgrammingError() {
            JsonArraySplitter splitter = new JsonArraySplitter();
            Recorder recorder = new Recorder();
            splitter.feed(utf8("[]"), 0, 2, recorder);
            splitter.end(recorder);
            assertThrows(IllegalStateException.class, () -> splitter.feed(utf8("[]"), 0, 2, recorder));
        }
    }

    @Test
    void elementsHandedToTheItemParserBecomeItemsNumberedByTheirIndex() {
        ItemParser parser = new ItemParser(SubjectType.PERSON,
                List.of(new FieldDefinition("name", FieldType.STRING, true, false, null, null)));
        List<ParsedItem> parsed = new ArrayList<>();
        ElementSink sink = new ElementSink() {
            @Override
            public void element(long index, byte[] bytes, int offset, int length) {
                parsed.add(parser.parse(index, bytes, offset, length));
            }

            @Override
            public void tooLong(long index, long length) {
                parsed.add(ItemParser.tooLong(index, length));
            }

            @Override
            public void malformed(long index, String message) {
                throw new AssertionError(message);
            }
        };
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8("\uFEFF[{\"key\":\"11010519491231002x\",\"data\":{\"name\":\"张三\"}},\n"
                + " {\"key\":\"11010519491231002X\",\"data\":{\"nmae\":1}}, {\"key\":\"11010519491231002X\",\"deleted\":true}]"));
        byte[] bytes = body.toByteArray();
        JsonArraySplitter splitter = new JsonArraySplitter();
        for (int at = 0; at < bytes.length; at += 5) {
            splitter.feed(bytes, at, Math.min(5, bytes.length - at), sink);
        }
        splitter.end(sink);

        assertEquals(3, parsed.size());
        PushItem first = assertInstanceOf(PushItem.class, parsed.get(0));
        assertEquals(1, first.line());
        assertEquals("11010519491231002X", first.key());
        assertEquals("{\"name\":\"张三\"}", first.dataJson());
        ItemError second = assertInstanceOf(ItemError.class, parsed.get(1));
        assertEquals(2, second.line());
        assertEquals("unknown field 'nmae'", second.message());
        assertEquals(3, assertInstanceOf(PushItem.class, parsed.get(2)).line());
    }
}
