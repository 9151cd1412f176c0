package org.cityplatform.exchange.records;

/**
 * Well-formed UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates, nothing past
 * U+10FFFF. A decoder that replaced such bytes with U+FFFD would store two different bodies as
 * the same record; they are refused instead.
 */
final class StrictUtf8 {

    private StrictUtf8() {
    }

    /** The offset of the first byte that starts an ill-formed sequence, or -1 when all is well-formed. */
    static int firstInvalid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int lead = b & 0xFF;
            int length;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                if (lead == 0xE0) {
                    min2 = 0xA0; // overlong below U+0800
                } else if (lead == 0xED) {
                    max2 = 0x9F; // surrogates U+D800..U+DFFF
                }
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                if (lead == 0xF0) {
                    min2 = 0x90; // overlong below U+10000
                } else if (lead == 0xF4) {
                    max2 = 0x8F; // past U+10FFFF
                }
            } else {
                return i; // a continuation byte, C0, C1 or F5..FF where a sequence must start
            }
            if (i + length > to) {
                return i;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < min2 || second > max2) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }
}
