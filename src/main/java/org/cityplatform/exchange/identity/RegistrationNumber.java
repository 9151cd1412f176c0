package org.cityplatform.exchange.identity;

/**
 * 15-digit business licence registration number, a subject key of ENTITY datasets under Art. 16 of the city's
 * data sharing policy, numbered under GS 15-2006; its last digit is an ISO/IEC 7064 MOD 11,10 (hybrid system)
 * check digit.
 *
 * <p>Still accepted because records registered before unified social credit codes keep their old number.
 * Canonical form: the 15 digits unchanged.
 */
public final class RegistrationNumber {

    private static final String KIND = "registration number";
    private static final int LENGTH = 15;

    private RegistrationNumber() {
    }

    public static String canonical(String raw) {
        String key = KeyText.present(raw);
        int[] chars = KeyText.codePoints(key);
        if (chars.length != LENGTH) {
            throw new InvalidKeyException(KIND + " must be " + LENGTH + " digits, got " + chars.length
                    + " characters");
        }
        for (int i = 0; i < LENGTH; i++) {
            if (!KeyText.isDigit(chars[i])) {
                throw new InvalidKeyException(KIND + " must be digits only, got " + KeyText.describe(chars[i])
                        + " at position " + (i + 1));
            }
        }
        if (!passesMod1110(key)) {
            throw new InvalidKeyException("check digit of " + KIND + " " + key + " should be '"
                    + checkDigit(key.substring(0, LENGTH - 1)) + "', got '" + key.charAt(LENGTH - 1) + "'");
        }
        return key;
    }

    public static boolean isValid(String raw) {
        return KeyText.accepts(RegistrationNumber::canonical, raw);
    }

    /**
     * ISO 7064 MOD 11,10: start with P = 10; for each digit d, S = (P + d) mod 10 with 0 read as 10, then
     * P = 2S mod 11. The number is valid when the S of the final (check) digit is 1.
     */
    private static boolean passesMod1110(String key) {
        return sum(productAfter(key.substring(0, LENGTH - 1)), key.charAt(LENGTH - 1)) == 1;
    }

    /** The digit c with (P + c) mod 10 = 1 after the body; only needed to tell the caller what was expected. */
    private static char checkDigit(String body) {
        return (char) ('0' + (11 - productAfter(body)) % 10);
    }

    private static int productAfter(String digits) {
        int p = 10;
        for (int i = 0; i < digits.length(); i++) {
            p = sum(p, digits.charAt(i)) * 2 % 11;
        }
        return p;
    }

    private static int sum(int product, char digit) {
        int s = (product + digit - '0') % 10;
        return s == 0 ? 10 : s;
    }
}
