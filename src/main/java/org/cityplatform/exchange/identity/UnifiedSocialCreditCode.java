package org.cityplatform.exchange.identity;

/**
 * Unified social credit code, a subject key of ENTITY datasets under Art. 16 of the city's data sharing policy,
 * checked as specified by GB 32100-2015.
 *
 * <p>Canonical form: the 18 characters in upper case. Every position, including the registration authority and
 * entity type in positions 1-2, is drawn from the 31-character code alphabet; only the GB 32100 check character
 * is verified.
 *
 * <p>Positions 9-17 embed a GB 11714 organization code, whose own check character is deliberately not verified:
 * Art. 16 keeps to the GB 32100 check, which already protects all 18 characters against typing errors, and adding
 * the GB 11714 check would refuse credit codes that satisfy GB 32100.
 */
public final class UnifiedSocialCreditCode {

    private static final String KIND = "unified social credit code";
    private static final int LENGTH = 18;
    /** GB 32100 code alphabet; I, O, S, V and Z are left out because they are easily confused with 1, 0, 5, U and 2. */
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int MODULUS = ALPHABET.length();
    /** 3^(i-1) mod 31 for positions 1-17, as tabulated in GB 32100. */
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private UnifiedSocialCreditCode() {
    }

    public static String canonical(String raw) {
        String typed = KeyText.present(raw);
        int[] chars = KeyText.codePoints(typed);
        if (chars.length != LENGTH) {
            throw new InvalidKeyException(KIND + " must be " + LENGTH + " characters, got " + chars.length);
        }
        for (int i = 0; i < LENGTH; i++) {
            int c = KeyText.upper(chars[i]);
            if (ALPHABET.indexOf(c) < 0) {
                throw new InvalidKeyException(KIND + " has " + KeyText.describe(chars[i]) + " at position " + (i + 1)
                        + ", which is not in its alphabet (digits and letters except I, O, S, V, Z)");
            }
        }
        String key = KeyText.upper(typed);
        char expected = checkCharacter(key);
        if (key.charAt(LENGTH - 1) != expected) {
            throw new InvalidKeyException("check character of " + KIND + " " + key + " should be '" + expected
                    + "', got '" + key.charAt(LENGTH - 1) + "'");
        }
        return key;
    }

    public static boolean isValid(String raw) {
        return KeyText.accepts(UnifiedSocialCreditCode::canonical, raw);
    }

    private static char checkCharacter(String key) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += ALPHABET.indexOf(key.charAt(i)) * WEIGHTS[i];
        }
        return ALPHABET.charAt((MODULUS - sum % MODULUS) % MODULUS);
    }
}
