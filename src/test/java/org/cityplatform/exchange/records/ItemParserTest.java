package org.cityplatform.exchange.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.cityplatform.exchange.catalog.FieldDefinition;
import org.cityplatform.exchange.catalog.FieldType;
import org.cityplatform.exchange.identity.SubjectType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ItemParserTest {

    private static final String KEY = "11010519491231002X";
    private static final ItemParser PERSONS = new ItemParser(SubjectType.PERSON, List.of(
            field("name", FieldType.STRING, true),
            field("age", FieldType.INTEGER, false),
            field("score", FieldType.NUMBER, false),
            field("active", FieldType.BOOLEAN, false),
            field("birthDate", FieldType.DATE, false),
            field("seenAt", FieldType.TIMESTAMP, false),
            field("note", FieldType.STRING, false)));

    private static FieldDefinition field(String name, FieldType type, boolean required) {
        return new FieldDefinition(name, type, required, false, null, null);
    }

    private static ParsedItem parse(long line, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return PERSONS.parse(line, bytes, 0, bytes.length);
    }

    private static PushItem item(String text) {
        return assertInstanceOf(PushItem.class, parse(7, text));
    }

    private static ItemError error(String text) {
        return assertInstanceOf(ItemError.class, parse(7, text));
    }

    private static String upsert(String data) {
        return "{\"key\":\"" + KEY + "\",\"data\":" + data + "}";
    }

    private static void assertSchemaViolation(String data, String message) {
        ItemError error = error(upsert(data));
        assertEquals(ItemCode.SCHEMA_VIOLATION, error.code());
        assertEquals(message, error.message());
        assertEquals(KEY, error.key());
        assertEquals(7, error.line());
    }

    @Nested
    class AcceptedItems {

        @Test
        void anUpsertKeepsTheDataObjectExactlyAsSent() {
            String data = "{ \"name\": \"Li Lei\", \"age\": 42, \"score\": 3.5, \"active\": true,"
                    + " \"birthDate\": \"1949-12-31\", \"seenAt\": \"2026-11-25T10:00:00+08:00\", \"note\": null }";
            PushItem item = item("{\"key\": \"" + KEY + "\", \"data\": " + data + "}");
            assertEquals(7, item.line());
            assertEquals(KEY, item.key());
            assertEquals(data, item.dataJson());
            assertFalse(item.deleted());
        }

        @Test
        void theDataObjectIsValidJsonEvenWhenOtherMembersFollowIt() throws IOException {
            String data = "{\"name\":\"a \\\"quoted\\\" {brace}\",\"age\":-7}";
            PushItem item = item("{\"data\":" + data + ",\"deleted\":false,\"key\":\"" + KEY + "\"}");
            assertEquals(data, item.dataJson());
            assertWellFormed(item.dataJson());
        }

        @Test
        void stringFieldsTakeAnyJsonStringIncludingTheEmptyOne() {
            assertEquals("{\"name\":\"\"}", item(upsert("{\"name\":\"\"}")).dataJson());
        }

        @Test
        void chineseTextRoundTripsIntact() {
            String data = "{\"name\":\"张三\",\"note\":\"北京市东城区 😀\"}";
            assertEquals(data, item(upsert(data)).dataJson());
        }

        @Test
        void escapedChineseTextIsKeptAsWritten() {
            String data = "{\"name\":\"\\u5f20\\u4e09\"}";
            assertEquals(data, item(upsert(data)).dataJson());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-0", "42", "-9223372036854775808", "9223372036854775807"})
        void integerFieldsTakeWholeNumbersWithinTheLongRange(String number) {
            item(upsert("{\"name\":\"n\",\"age\":" + number + "}"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "42", "-1.5", "1e3", "2.5E-3", "1E+2", "123456789012345678901234567890"})
        void numberFieldsTakeAnyJsonNumber(String number) {
            item(upsert("{\"name\":\"n\",\"score\":" + number + "}"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"true", "false"})
        void booleanFieldsTakeTrueAndFalse(String value) {
            item(upsert("{\"name\":\"n\",\"active\":" + value + "}"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1949-12-31", "2024-02-29", "2000-02-29", "0001-01-01"})
        void dateFieldsTakeRealIsoDates(String date) {
            item(upsert("{\"name\":\"n\",\"birthDate\":\"" + date + "\"}"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-11-25T10:00:00+08:00", "2026-11-25T02:00:00Z", "2026-11-25T10:00+08:00",
            "2026-11-25T10:00:00.123456789-05:30"})
        void timestampFieldsTakeIsoTimestampsWithAnOffset(String timestamp) {
            item(upsert("{\"name\":\"n\",\"seenAt\":\"" + timestamp + "\"}"));
        }

        @Test
        void optionalFieldsMayBeNullOrLeftOut() {
            item(upsert("{\"name\":\"n\",\"age\":null,\"birthDate\":null}"));
        }

        @Test
        void deletedFalseWithDataIsAnOrdinaryUpsert() {
            PushItem item = item("{\"key\":\"" + KEY + "\",\"deleted\":false,\"data\":{\"name\":\"n\"}}");
            assertFalse(item.deleted());
            assertEquals("{\"name\":\"n\"}", item.dataJson());
        }

        @Test
        void onlyTheGivenSliceOfTheArrayIsRead() {
            byte[] around = ("garbage" + upsert("{\"name\":\"n\"}") + "more garbage").getBytes(StandardCharsets.UTF_8);
            int length = upsert("{\"name\":\"n\"}").length();
            PushItem item = assertInstanceOf(PushItem.class, PERSONS.parse(3, around, 7, length));
            assertEquals("{\"name\":\"n\"}", item.dataJson());
        }
    }

    @Nested
    class Removals {

        @Test
        void deletedTrueRemovesTheRecordAndCarriesNoData() {
            PushItem item = item("{\"key\":\"" + KEY + "\",\"deleted\":true}");
            assertTrue(item.deleted());
            assertNull(item.dataJson());
            assertEquals(KEY, item.key());
        }

        @Test
        void aRemovalMayCarryDataNullAsSerialisersOftenWriteIt() {
            assertTrue(item("{\"key\":\"" + KEY + "\",\"data\":null,\"deleted\":true}").deleted());
        }
    }

    @Nested
    class Keys {

        @Test
        void aPersonKeyWithALowerCaseCheckCharacterIsStoredInUpperCase() {
            assertEquals(KEY, item("{\"key\":\"11010519491231002x\",\"deleted\":true}").key());
        }

        @Test
        void surroundingWhitespaceIsDroppedFromTheKey() {
            assertEquals(KEY, item("{\"key\":\" 11010519491231002x \",\"deleted\":true}").key());
        }

        @Test
        void anObjectKeyIsCanonicalisedForItsOwnSubjectType() {
            ItemParser objects = new ItemParser(SubjectType.OBJECT, List.of(field("name", FieldType.STRING, false)));
            byte[] line = "{\"key\":\"lamp-17\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
            assertEquals("LAMP-17", assertInstanceOf(PushItem.class, objects.parse(1, line, 0, line.length)).key());
        }

        @Test
        void aKeyThatBreaksArticle16IsAnInvalidKeyWithTheRuleThatFailed() {
            ItemError error = error("{\"key\":\"110105194912310021\",\"data\":{\"name\":\"n\"}}");
            assertEquals(ItemCode.INVALID_KEY, error.code());
            assertEquals("key: check character of resident identity number 110105194912310021 should be 'X',"
                    + " got '1'", error.message());
            assertEquals("110105194912310021", error.key());
        }

        @Test
        void aBlankKeyIsAnInvalidKey() {
            ItemError error = error("{\"key\":\"  \",\"deleted\":true}");
            assertEquals(ItemCode.INVALID_KEY, error.code());
            assertEquals("key: key is missing", error.message());
        }

        @Test
        void aHugeInvalidKeyIsCutShortInTheError() {
            ItemError error = error("{\"key\":\"" + "9".repeat(5000) + "\",\"deleted\":true}");
            assertEquals(ItemCode.INVALID_KEY, error.code());
            assertEquals("9".repeat(100) + "…", error.key());
            assertEquals("key: resident identity number must be 18 characters, got 5000", error.message());
        }

        @Test
        void anErrorCarriesTheCanonicalKeyEvenWhenTheKeyComesAfterTheData() {
            ItemError error = error("{\"data\":{\"nmae\":\"n\"},\"key\":\"11010519491231002x\"}");
            assertEquals("unknown field 'nmae'", error.message());
            assertEquals(KEY, error.key());
        }
    }

    @Nested
    class DataAgainstTheFields {

        @Test
        void anUndeclaredFieldIsUnknown() {
            assertSchemaViolation("{\"nmae\":\"n\"}", "unknown field 'nmae'");
        }

        @Test
        void aMissingRequiredFieldIsNamed() {
            assertSchemaViolation("{\"age\":3}", "required field 'name' is missing");
        }

        @Test
        void aRequiredFieldMayNotBeNull() {
            assertSchemaViolation("{\"name\":null}", "required field 'name' is null");
        }

        @Test
        void aStringWhereAnIntegerIsDeclaredIsRefused() {
            assertSchemaViolation("{\"name\":\"n\",\"age\":\"42\"}", "field 'age' must be an integer, got a string");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.0", "1e3", "42.5", "-0.0"})
        void integerFieldsRefuseFractionsAndExponentsEvenWhenTheValueIsWhole(String number) {
            assertSchemaViolation("{\"name\":\"n\",\"age\":" + number + "}",
                    "field 'age' must be an integer, got " + number + " (a number with a fraction or exponent)");
        }

        @Test
        void integerFieldsRefuseNumbersBeyondTheLongRange() {
            assertSchemaViolation("{\"name\":\"n\",\"age\":9223372036854775808}",
                    "field 'age': 9223372036854775808 is outside the integer range -9223372036854775808 to"
                            + " 9223372036854775807");
        }

        @Test
        void numberFieldsRefuseStrings() {
            assertSchemaViolation("{\"name\":\"n\",\"score\":\"3.5\"}", "field 'score' must be a number, got a string");
        }

        @Test
        void numberFieldsRefuseValuesADoubleCannotHold() {
            assertSchemaViolation("{\"name\":\"n\",\"score\":1e400}",
                    "field 'score': 1e400 is too large; numbers must fit a double (at most about 1.8e308)");
            assertSchemaViolation("{\"name\":\"n\",\"score\":-2.5e-400}",
                    "field 'score': -2.5e-400 is too small to tell from zero; numbers must fit a double"
                            + " (at least about 4.9e-324)");
        }

        @Test
        void numberFieldsTakeAWrittenZeroWithAHugeExponent() {
            item(upsert("{\"name\":\"n\",\"score\":0.0e-400}"));
        }

        @Test
        void booleanFieldsRefuseTheStringTrue() {
            assertSchemaViolation("{\"name\":\"n\",\"active\":\"true\"}",
                    "field 'active' must be true or false, got a string");
        }

        @Test
        void booleanFieldsRefuseNumbers() {
            assertSchemaViolation("{\"name\":\"n\",\"active\":1}", "field 'active' must be true or false, got a number");
        }

        @Test
        void stringFieldsRefuseNumbers() {
            assertSchemaViolation("{\"name\":42}", "field 'name' must be a string, got a number");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1990-13-01", "2023-02-29", "1990-1-01", "1990/01/01", "19900101", "+1990-01-01",
            "1990-01-01T00:00:00Z", " 1990-01-01", "1990-00-10", "1990-04-31"})
        void dateFieldsRefuseAnythingButARealYyyyMmDd(String date) {
            assertSchemaViolation("{\"name\":\"n\",\"birthDate\":\"" + date + "\"}",
                    "field 'birthDate': '" + date + "' is not a date (YYYY-MM-DD)");
        }

        @Test
        void dateFieldsRefuseNumbers() {
            assertSchemaViolation("{\"name\":\"n\",\"birthDate\":19900101}",
                    "field 'birthDate' must be a date string (YYYY-MM-DD), got a number");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-11-25T10:00:00", "2026-11-25 10:00:00+08:00", "2026-11-25", "2026-11-25T25:00Z",
            "2026-11-25T10:00:00+0800", "yesterday"})
        void timestampFieldsRefuseTextWithoutAnOffsetOrNotIso(String timestamp) {
            assertSchemaViolation("{\"name\":\"n\",\"seenAt\":\"" + timestamp + "\"}",
                    "field 'seenAt': '" + timestamp + "' is not a timestamp with offset (ISO-8601, e.g."
                            + " 2026-11-25T10:00:00+08:00)");
        }

        @Test
        void nestedObjectsAreRefusedForEveryType() {
            assertSchemaViolation("{\"name\":{\"first\":\"n\"}}", "field 'name' must be a string, got an object");
            assertSchemaViolation("{\"name\":\"n\",\"age\":{}}", "field 'age' must be an integer, got an object");
        }

        @Test
        void arraysAreRefusedForEveryType() {
            assertSchemaViolation("{\"name\":[\"a\",\"b\"]}", "field 'name' must be a string, got an array");
            assertSchemaViolation("{\"name\":\"n\",\"score\":[1]}", "field 'score' must be a number, got an array");
        }

        @Test
        void aFieldGivenTwiceIsRefused() {
            assertSchemaViolation("{\"name\":\"a\",\"name\":\"b\"}", "field 'name' appears more than once");
        }

        @Test
        void aFieldGivenTwiceIsRefusedEvenWhenBothValuesAreNull() {
            assertSchemaViolation("{\"name\":\"a\",\"note\":null,\"note\":null}", "field 'note' appears more than once");
        }

        @Test
        void theFirstProblemInTheLineIsTheOneReported() {
            assertSchemaViolation("{\"age\":\"x\",\"nmae\":1}", "field 'age' must be an integer, got a string");
            assertSchemaViolation("{\"nmae\":1,\"age\":\"x\"}", "unknown field 'nmae'");
        }

        @Test
        void anEscapedNulCannotBeStoredAndIsRefused() {
            assertSchemaViolation("{\"name\":\"a\\u0000b\"}", "field 'name': text contains \\u0000, which cannot be stored");
        }

        @Test
        void anEscapedHalfSurrogatePairCannotBeStoredAndIsRefused() {
            assertSchemaViolation("{\"name\":\"a\\ud800b\"}",
                    "field 'name': text contains \\ud800, half of a surrogate pair, which cannot be stored");
        }

        @Test
        void anEscapedFullSurrogatePairIsAccepted() {
            item(upsert("{\"name\":\"\\ud83d\\ude00\"}"));
        }

        @Test
        void aHugeUnknownFieldNameIsCutShortInTheMessage() {
            String name = "x".repeat(500);
            assertSchemaViolation("{\"" + name + "\":1}", "unknown field '" + "x".repeat(100) + "…'");
        }
    }

    @Nested
    class ItemShape {

        private void assertShape(String line, String message) {
            ItemError error = error(line);
            assertEquals(ItemCode.SCHEMA_VIOLATION, error.code(), error.message());
            assertEquals(message, error.message());
        }

        @Test
        void anItemNeedsAKey() {
            assertShape("{\"data\":{\"name\":\"n\"}}", "member 'key' is missing");
        }

        @Test
        void theKeyMustBeAString() {
            assertShape("{\"key\":110105194912310021,\"deleted\":true}", "member 'key' must be a string, got a number");
        }

        @Test
        void anItemNeedsDataOrDeletedTrue() {
            assertShape("{\"key\":\"" + KEY + "\"}",
                    "member 'data' is missing; send a 'data' object, or \"deleted\": true to remove the record");
        }

        @Test
        void deletedFalseWithoutDataIsRefused() {
            assertShape("{\"key\":\"" + KEY + "\",\"deleted\":false}", "\"deleted\": false needs a 'data' object");
        }

        @Test
        void dataAndDeletedTrueTogetherAreRefused() {
            assertShape("{\"key\":\"" + KEY + "\",\"deleted\":true,\"data\":{\"name\":\"n\"}}",
                    "an item has either 'data' or \"deleted\": true, not both");
        }

        @Test
        void dataMustBeAnObject() {
            assertShape("{\"key\":\"" + KEY + "\",\"data\":[{\"name\":\"n\"}]}",
                    "member 'data' must be an object, got an array");
            assertShape("{\"key\":\"" + KEY + "\",\"data\":\"{}\"}", "member 'data' must be an object, got a string");
        }

        @Test
        void deletedMustBeABoolean() {
            assertShape("{\"key\":\"" + KEY + "\",\"deleted\":\"yes\"}",
                    "member 'deleted' must be true or false, got a string");
        }

        @Test
        void unknownTopLevelMembersAreRefused() {
            assertShape("{\"key\":\"" + KEY + "\",\"version\":3,\"data\":{\"name\":\"n\"}}",
                    "unknown member 'version'; an item has only 'key', 'data' and 'deleted'");
        }

        @Test
        void topLevelMembersGivenTwiceAreRefused() {
            assertShape("{\"key\":\"" + KEY + "\",\"key\":\"" + KEY + "\",\"deleted\":true}",
                    "member 'key' appears more than once");
        }

        @Test
        void aTopLevelArrayIsNotAnItem() {
            assertShape("[{\"key\":\"" + KEY + "\",\"deleted\":true}]", "an item must be a JSON object, got an array");
        }

        @ParameterizedTest
        @ValueSource(strings = {"42", "\"text\"", "null", "true"})
        void aTopLevelScalarIsNotAnItem(String line) {
            assertTrue(error(line).message().startsWith("an item must be a JSON object, got "));
        }
    }

    @Nested
    class MalformedJson {

        private ItemError malformed(String line) {
            ItemError error = error(line);
            assertEquals(ItemCode.MALFORMED_JSON, error.code(), error.message());
            return error;
        }

        @Test
        void anUnclosedObjectSaysWhereTheItemEnded() {
            String line = "{\"key\":\"" + KEY + "\",\"data\":{\"name\":\"n\"}";
            assertEquals("malformed JSON at column " + (line.length() + 1)
                    + ": the item ends before its object or array is closed", malformed(line).message());
        }

        @Test
        void anUnclosedStringSaysSo() {
            assertEquals("malformed JSON at column 13: the item ends inside a string",
                    malformed("{\"key\":\"1101").message());
        }

        @Test
        void aMissingCommaIsPointedAt() {
            assertEquals("malformed JSON at column 17: unexpected character ('\"'): was expecting comma to separate"
                    + " Object entries", malformed("{\"key\":\"ABC-1\"  \"deleted\":true}").message());
        }

        @Test
        void theColumnCountsCharactersNotBytes() {
            String line = "{\"key\":\"" + KEY + "\",\"data\":{\"name\":\"张三\"x}}";
            int column = line.indexOf('x', 40) + 1;
            assertEquals("malformed JSON at column " + column + ": unexpected character ('x'): was expecting comma"
                    + " to separate Object entries", malformed(line).message());
        }

        @Test
        void trailingGarbageAfterTheObjectIsRefused() {
            String item = upsert("{\"name\":\"n\"}");
            assertEquals(ItemCode.MALFORMED_JSON, malformed(item + " x").code());
            assertEquals("malformed JSON at column " + (item.length() + 2) + ": unexpected content after the end of"
                    + " the item", malformed(item + " {}").message());
            assertEquals(ItemCode.MALFORMED_JSON, malformed(item + "}").code());
            assertEquals(ItemCode.MALFORMED_JSON, malformed(item + ",").code());
        }

        @Test
        void aSyntaxErrorWinsOverAnEarlierRuleViolation() {
            malformed("{\"key\":\"bad\",\"data\":{\"nmae\":1} garbage");
        }

        @Test
        void theMalformedErrorKeepsAKeyReadBeforeTheBreak() {
            assertEquals(KEY, malformed("{\"key\":\"" + KEY + "\",\"data\":{\"name\":tru}}").key());
        }

        @Test
        void aByteOrderMarkIsOnlyAllowedAtTheStartOfTheBody() {
            byte[] line = withBom(upsert("{\"name\":\"n\"}"));
            ItemError error = assertInstanceOf(ItemError.class, PERSONS.parse(2, line, 0, line.length));
            assertEquals(ItemCode.MALFORMED_JSON, error.code());
            assertEquals("malformed JSON at column 1: unexpected byte order mark; it is only allowed at the start of"
                    + " the body", error.message());
        }

        @Test
        void nulBytesAreRefusedBeforeTheyCanBeTakenForUtf16() {
            byte[] utf16 = "{}".getBytes(StandardCharsets.UTF_16LE);
            ItemError error = assertInstanceOf(ItemError.class, PERSONS.parse(2, utf16, 0, utf16.length));
            assertEquals("malformed JSON at column 2: unexpected NUL byte (U+0000)", error.message());
        }

        @Test
        void invalidUtf8IsRefused() {
            byte[] line = upsert("{\"name\":\"??\"}").getBytes(StandardCharsets.UTF_8);
            int at = new String(line, StandardCharsets.UTF_8).indexOf("??");
            line[at] = (byte) 0xC3;
            line[at + 1] = (byte) 0x28;
            ItemError error = assertInstanceOf(ItemError.class, PERSONS.parse(2, line, 0, line.length));
            assertEquals(ItemCode.MALFORMED_JSON, error.code());
        }

        /** Overlong NUL, a surrogate, a code point past U+10FFFF: a lenient decoder stores each as U+FFFD. */
        @ParameterizedTest
        @ValueSource(strings = {"C0 80", "ED A0 80", "F4 90 80 80", "E0 80 80", "F0 80 80 80", "80", "C3", "F5 80 80 80"})
        void illFormedUtf8IsRefusedWithItsColumnNotReplaced(String hex) {
            String[] octets = hex.split(" ");
            byte[] text = upsert("{\"name\":\"王X\"}").getBytes(StandardCharsets.UTF_8);
            int at = new String(text, StandardCharsets.UTF_8).indexOf("王X");
            int byteAt = new String(text, StandardCharsets.UTF_8).substring(0, at).getBytes(StandardCharsets.UTF_8).length + 3;
            byte[] line = new byte[text.length - 1 + octets.length];
            System.arraycopy(text, 0, line, 0, byteAt);
            for (int i = 0; i < octets.length; i++) {
                line[byteAt + i] = (byte) Integer.parseInt(octets[i], 16);
            }
            System.arraycopy(text, byteAt + 1, line, byteAt + octets.length, text.length - byteAt - 1);
            ItemError error = assertInstanceOf(ItemError.class, PERSONS.parse(2, line, 0, line.length));
            assertEquals(ItemCode.MALFORMED_JSON, error.code());
            assertEquals(2, error.line());
            assertTrue(error.message().startsWith("malformed JSON at column " + (at + 2) + ": invalid UTF-8"),
                    error.message());
        }

        @Test
        void wellFormedUtf8OfEveryLengthIsAccepted() {
            String text = upsert("{\"name\":\"aé王😀\"}");
            byte[] line = text.getBytes(StandardCharsets.UTF_8);
            assertInstanceOf(PushItem.class, PERSONS.parse(2, line, 0, line.length));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{", "{x", "{\"key\":NaN}", "{\"key\":01}", "{\"key\":'x'}", "{\"a\":[1}",
            "{\"a\":1}]", "{\"a\":\"x\ty\"}", "{\"a\":\"\\q\"}", "{\"a\":1.}", "{\"a\":-}", "{\"key\":Infinity}"})
        void messagesNameTheProblemWithoutLeakingParserInternals(String line) {
            String message = malformed(line).message();
            assertTrue(message.startsWith("malformed JSON at column "), message);
            for (String internal : List.of("`", "Source", "REDACTED", "Exception", "jackson", "Feature", "code ")) {
                assertFalse(message.contains(internal), message);
            }
        }

        @Test
        void aNumberLongerThanTheParserAllowsIsMalformedWithoutInternals() {
            String message = malformed(upsert("{\"name\":\"n\",\"score\":" + "1".repeat(1200) + "}")).message();
            assertTrue(message.startsWith("malformed JSON at column "), message);
            assertTrue(message.endsWith("number value length (1200) exceeds the maximum allowed (1000)"), message);
        }
    }

    @Nested
    class Lines {

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\r", "\t  \r", "  \r\n", "\n"})
        void blankLinesAreSkippedRatherThanCounted(String line) {
            assertSame(ParsedItem.BLANK, parse(5, line));
        }

        @Test
        void aByteOrderMarkOnLineOneIsSkipped() {
            byte[] line = withBom(upsert("{\"name\":\"n\"}"));
            assertInstanceOf(PushItem.class, PERSONS.parse(1, line, 0, line.length));
        }

        @Test
        void aByteOrderMarkAloneOnLineOneIsABlankLine() {
            byte[] line = withBom("");
            assertSame(ParsedItem.BLANK, PERSONS.parse(1, line, 0, line.length));
        }

        @Test
        void crlfLineEndingsAreStripped() {
            assertEquals("{\"name\":\"n\"}", item(upsert("{\"name\":\"n\"}") + "\r").dataJson());
            assertEquals("{\"name\":\"n\"}", item(upsert("{\"name\":\"n\"}") + "\r\n").dataJson());
        }

        @Test
        void aLineOfExactlyOneMebibyteIsAccepted() {
            String line = lineOfLength(ItemParser.MAX_ITEM_BYTES);
            assertEquals(1_048_576, line.getBytes(StandardCharsets.UTF_8).length);
            assertInstanceOf(PushItem.class, parse(3, line));
        }

        @Test
        void theCarriageReturnDoesNotCountTowardsTheLimit() {
            assertInstanceOf(PushItem.class, parse(3, lineOfLength(ItemParser.MAX_ITEM_BYTES) + "\r"));
        }

        @Test
        void aLineOneByteOverTheLimitIsTooLongAndNotRead() {
            ItemError error = assertInstanceOf(ItemError.class, parse(3, lineOfLength(ItemParser.MAX_ITEM_BYTES + 1)));
            assertEquals(ItemCode.LINE_TOO_LONG, error.code());
            assertEquals("line is 1048577 bytes, the limit is 1048576", error.message());
            assertEquals(3, error.line());
            assertNull(error.key());
        }

        @Test
        void callersReportLinesThatNeverArrivedWholeInTheSameWords() {
            assertEquals(new ItemError(9, null, ItemCode.LINE_TOO_LONG, "line is 5000000 bytes, the limit is 1048576"),
                    ItemParser.tooLong(9, 5_000_000));
        }

        @Test
        void oneParserCanServeManyThreadsAtOnce() {
            List<PushItem> items = IntStream.range(0, 2000).parallel()
                    .mapToObj(i -> item(upsert("{\"name\":\"n" + i + "\",\"age\":" + i + "}")))
                    .toList();
            for (int i = 0; i < items.size(); i++) {
                assertEquals("{\"name\":\"n" + i + "\",\"age\":" + i + "}", items.get(i).dataJson());
            }
        }

        private String lineOfLength(int bytes) {
            String empty = upsert("{\"name\":\"\"}");
            return upsert("{\"name\":\"" + "a".repeat(bytes - empty.length()) + "\"}");
        }
    }

    @Nested
    class Results {

        @Test
        void aDuplicateKeyInTheBatchSaysWhereTheKeyFirstCame() {
            ItemError error = ItemError.duplicateKeyInBatch(12, KEY, 4);
            assertEquals(ItemCode.DUPLICATE_KEY_IN_BATCH, error.code());
            assertEquals("key " + KEY + " was already pushed at line 4 of this batch", error.message());
        }

        @Test
        void aPushItemIsEitherAnUpsertWithDataOrARemovalWithout() {
            assertThrows(IllegalArgumentException.class, () -> new PushItem(1, KEY, null, false));
            assertThrows(IllegalArgumentException.class, () -> new PushItem(1, KEY, "{}", true));
        }

        @Test
        void theParserRefusesAFieldDefinedTwice() {
            assertThrows(IllegalArgumentException.class, () -> new ItemParser(SubjectType.PERSON,
                    List.of(field("a", FieldType.STRING, false), field("a", FieldType.DATE, false))));
        }
    }

    private static byte[] withBom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[body.length + 3];
        line[0] = (byte) 0xEF;
        line[1] = (byte) 0xBB;
        line[2] = (byte) 0xBF;
        System.arraycopy(body, 0, line, 3, body.length);
        return line;
    }

    private static void assertWellFormed(String json) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
        }
    }
}
