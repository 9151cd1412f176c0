package org.cityplatform.exchange.ops;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding (RFC 3986 2.1) that refuses what the lenient decoders quietly repair: a '%'
 * without two hex digits, and bytes that are no UTF-8 (overlong forms such as %C0%80 for U+0000,
 * encoded surrogates). What it returns is the text a resource will see, so it is what is checked.
 */
final class PercentDecoding {

    private PercentDecoding() {
    }

    /** Thrown for a component that has no text form; the message says why, in a client's words. */
    static final class Undecodable extends Exception {
        Undecodable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param plusIsSpace true for a query (application/x-www-form-urlencoded), where '+' is a space
     */
    static String decode(String raw, boolean plusIsSpace) throws Undecodable {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0) && isAscii(raw)) {
            return raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw new Undecodable("'%' must be followed by two hexadecimal digits");
                }
                bytes.put((byte) (Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.put((byte) ' ');
            } else if (c <= 0xff) {
                // The HTTP codec hands over the request line's raw bytes one char each (ISO-8859-1).
                bytes.put((byte) c);
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new Undecodable("the percent-encoded bytes are not UTF-8");
        }
    }

    private static boolean isAscii(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
