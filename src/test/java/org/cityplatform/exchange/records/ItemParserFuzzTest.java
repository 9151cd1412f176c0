package org.cityplatform.exchange.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cityplatform.exchange.catalog.FieldDefinition;
import org.cityplatform.exchange.catalog.FieldType;
import org.cityplatform.exchange.identity.SubjectKeys;
import org.cityplatform.exchange.identity.SubjectType;

/**
 * Fuzzes the item parser with raw bytes and with items written from the fuzzer's choices (members in any order,
 * repeated or unknown, keys valid or not, values of every type including ones at and past their limits, then cut
 * short or with a byte changed). Whatever the item, the parser returns an accepted item or an error with a readable
 * reason, never throws, and gives the same answer wherever the item sits in the caller's array.
 *
 * <p>Nothing here asserts how invalid UTF-8 is judged: that rule is being changed to refuse it, so the checks that
 * compare with an independent JSON reading only run on items that are valid UTF-8.
 */
class ItemParserFuzzTest {

    private static final List<FieldDefinition> FIELDS = List.of(
            field("name", FieldType.STRING, true),
            field("age", FieldType.INTEGER, false),
            field("score", FieldType.NUMBER, false),
            field("active", FieldType.BOOLEAN, false),
            field("birthDate", FieldType.DATE, false),
            field("seenAt", FieldType.TIMESTAMP, false),
            field("note", FieldType.STRING, false));

    private static final Map<SubjectType, ItemParser> PARSERS = new EnumMap<>(SubjectType.class);

    static {
        for (SubjectType type : SubjectType.values()) {
            PARSERS.put(type, new ItemParser(type, FIELDS));
        }
    }

    /** An independent, strict reading of the same JSON, to compare accepted items with. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Pattern MALFORMED = Pattern.compile("malformed JSON at column (\\d+): .+", Pattern.DOTALL);
    private static final List<String> INTERNALS = List.of("com.fasterxml", "jackson", "Exception", "\tat ",
            "[Source", "org.cityplatform", "REDACTED");

    @FuzzTest(maxDuration = "12s")
    void everyItemIsAcceptedOrRefusedWithAReasonAndNothingIsThrown(FuzzedDataProvider data) {
        SubjectType type = SubjectType.values()[data.consumeInt(0, 2)];
        long line = new long[] {1, 2, 40_000_000_000L}[data.consumeInt(0, 2)];
        int padding = data.consumeInt(0, 5);
        byte[] item = data.consumeBoolean() ? ItemWriter.write(data, type) : data.consumeRemainingAsBytes();
        ItemParser parser = PARSERS.get(type);

        ParsedItem result = parse(parser, line, item, 0);
        assertEquals(result, parse(parser, line, item, padding), "the same item at offset " + padding);
        assertEquals(result, parse(parser, line, item, 0), "the same item parsed again");

        if (result instanceof ItemError error) {
            refusedWithAReason(error, line, item);
        } else if (result instanceof PushItem accepted) {
            acceptedAsWritten(accepted, type, line, item);
        } else {
            assertSame(ParsedItem.BLANK, result, "the only other result is a blank line");
            assertTrue(isBlank(item), "only a blank line is BLANK: " + show(item));
        }
    }

    private static ParsedItem parse(ItemParser parser, long line, byte[] item, int padding) {
        // Bytes around the item that would change the result if read: an open string and an open object.
        byte[] bytes = new byte[item.length + 2 * padding];
        Arrays.fill(bytes, (byte) (padding % 2 == 0 ? '"' : '{'));
        System.arraycopy(item, 0, bytes, padding, item.length);
        try {
            ParsedItem result = parser.parse(line, bytes, padding, item.length);
            assertNotNull(result, "a result for every item");
            return result;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("the parser threw on " + show(item), e);
        }
    }

    private static void refusedWithAReason(ItemError error, long line, byte[] item) {
        assertEquals(line, error.line(), "the error names the item's line");
        assertFalse(error.message().isBlank(), "the error says what is wrong");
        // Quoting the provider's own text is fine (decoded, so escapes in it become anything), so what lies between
        // the first and the last quote of the message is not searched, nor words the item itself contains.
        String sent = new String(item, StandardCharsets.UTF_8);
        String message = error.message();
        int open = message.indexOf('\'');
        String ours = open < 0 ? message : message.substring(0, open) + message.substring(message.lastIndexOf('\''));
        for (String internal : INTERNALS) {
            assertFalse(ours.contains(internal) && !sent.contains(internal),
                    "the error leaks '" + internal + "': " + message);
        }
        if (error.key() != null) {
            assertTrue(error.key().codePointCount(0, error.key().length()) <= 101, "the key in an error is cut short");
        }
        if (error.code() == ItemCode.MALFORMED_JSON) {
            Matcher matcher = MALFORMED.matcher(error.message());
            assertTrue(matcher.matches(), "a syntax error names its column: " + error.message());
            long column = Long.parseLong(matcher.group(1));
            assertTrue(column >= 1 && column <= item.length + 1,
                    "column " + column + " lies within the item of " + item.length + " bytes: " + show(item));
        }
        assertTrue(error.code() != ItemCode.DUPLICATE_KEY_IN_BATCH, "only the batch knows about duplicates");
    }

    private static void acceptedAsWritten(PushItem accepted, SubjectType type, long line, byte[] item) {
        assertEquals(line, accepted.line(), "the item keeps its line");
        assertEquals(SubjectKeys.canonical(type, accepted.key()), accepted.key(), "the stored key is canonical");
        if (!isUtf8(item)) {
            return;
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(item);
        } catch (IOException e) {
            throw new AssertionError("accepted an item that is not JSON: " + show(item), e);
        }
        assertTrue(tree != null && tree.isObject(), "accepted an item that is not an object: " + show(item));
        JsonNode data = tree.get("data");
        if (accepted.deleted()) {
            assertNull(accepted.dataJson());
            assertTrue(tree.path("deleted").asBoolean(), "a removal says \"deleted\": true");
            assertTrue(data == null || data.isNull(), "a removal carries no data");
            return;
        }
        try {
            assertEquals(data, STRICT.readTree(accepted.dataJson()), "the stored data is the data as sent");
        } catch (IOException e) {
            throw new AssertionError("stored data that is not JSON: " + accepted.dataJson(), e);
        }
    }

    private static FieldDefinition field(String name, FieldType type, boolean required) {
        return new FieldDefinition(name, type, required, false, null, null);
    }

    private static boolean isBlank(byte[] item) {
        for (int i = 0; i < item.length; i++) {
            byte b = item[i];
            boolean bom = i <= item.length - 3 && b == (byte) 0xEF && item[i + 1] == (byte) 0xBB
                    && item[i + 2] == (byte) 0xBF;
            if (bom) {
                i += 2;
            } else if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static String show(byte[] item) {
        return item.length + " bytes " + HexFormat.of().formatHex(item, 0, Math.min(item.length, 2000));
    }

    /** Writes one item, mostly of the right shape, from the fuzzer's choices. */
    private static final class ItemWriter {

        private static final Map<SubjectType, List<String>> KEYS = Map.of(
                SubjectType.PERSON, List.of("11010519491231002X", " 11010519491231002x\u3000"),
                SubjectType.ENTITY, List.of("D2143569-X", "d2143569x", "12100000000000118Y", "110108000000008"),
                SubjectType.OBJECT, List.of("39.904200,116.407400", "-90 , 180.0000004", "bridge-7:a"));
        private static final List<String> NAMES = List.of("name", "age", "score", "active", "birthDate", "seenAt",
                "note");
        private static final List<String> SCALARS = List.of("0", "-0", "42", "9223372036854775807",
                "9223372036854775808", "-9223372036854775809", "1e3", "1.0", "1.5", "1e308", "1e309", "-1e400",
                "1e-400", "0e-999", "4.9e-324", "2.5e-324", "true", "false", "null", "\"李雷\"", "\"\"",
                "\"2024-02-29\"", "\"2023-02-29\"", "\"+12345-01-01\"", "\"0000-01-01\"", "\"2026-11-25T10:00:00+08:00\"",
                "\"2026-11-25T10:00:00\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud83d\\ude00\"",
                "\"a\\\"b\"", "[]", "{}", "[1,[2,{\"a\":null}]]", "{\"a\":{\"b\":[true]}}");

        static byte[] write(FuzzedDataProvider data, SubjectType type) {
            StringBuilder out = new StringBuilder();
            space(data, out);
            out.append('{');
            int members = data.consumeInt(0, 4);
            for (int i = 0; i < members; i++) {
                if (i > 0) {
                    out.append(',');
                }
                space(data, out);
                switch (data.consumeInt(0, 5)) {
                    case 0, 1 -> out.append("\"key\":").append(key(data, type));
                    case 2, 3 -> data(data, out);
                    case 4 -> out.append("\"deleted\":").append(data.pickValue(List.of("true", "false", "null", "1")));
                    default -> out.append(text(data)).append(':').append(value(data));
                }
                space(data, out);
            }
            out.append('}');
            space(data, out);
            byte[] item = out.toString().getBytes(StandardCharsets.UTF_8);
            return switch (data.consumeInt(0, 7)) {
                case 0 -> Arrays.copyOf(item, data.consumeInt(0, item.length));
                case 1 -> {
                    if (item.length > 0) {
                        item[data.consumeInt(0, item.length - 1)] = data.consumeByte();
                    }
                    yield item;
                }
                default -> item;
            };
        }

        private static String key(FuzzedDataProvider data, SubjectType type) {
            return switch (data.consumeInt(0, 3)) {
                case 0, 1 -> quoted(data.pickValue(KEYS.get(type)));
                case 2 -> text(data);
                default -> value(data);
            };
        }

        private static void data(FuzzedDataProvider data, StringBuilder out) {
            out.append("\"data\":");
            if (data.consumeInt(0, 7) == 0) {
                out.append(value(data));
                return;
            }
            out.append('{');
            int fields = data.consumeInt(0, 8);
            for (int i = 0; i < fields; i++) {
                if (i > 0) {
                    out.append(',');
                }
                space(data, out);
                String name = data.consumeInt(0, 7) == 0 ? text(data) : quoted(data.pickValue(NAMES));
                out.append(name).append(':');
                space(data, out);
                out.append(value(data));
            }
            out.append('}');
        }

        private static String value(FuzzedDataProvider data) {
            return data.consumeInt(0, 3) == 0 ? text(data) : data.pickValue(SCALARS);
        }

        /** A string of fuzzer-chosen text: quotes and backslashes escaped, controls sometimes left raw. */
        private static String text(FuzzedDataProvider data) {
            String text = data.consumeString(20);
            StringBuilder out = new StringBuilder("\"");
            boolean raw = data.consumeInt(0, 7) == 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (Character.isSurrogate(c) || (c < 0x20 && !raw)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }

        private static String quoted(String text) {
            return "\"" + text + "\"";
        }

        private static void space(FuzzedDataProvider data, StringBuilder out) {
            out.append(data.pickValue(List.of("", "", " ", "\t", "\r\n", "\n", "  ")));
        }
    }
}
