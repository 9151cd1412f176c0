package org.cityplatform.exchange.identity;

/**
 * Organization code, a subject key of ENTITY datasets under Art. 16 of the city's data sharing policy, checked as
 * specified by GB 11714-1997.
 *
 * <p>Accepted as 9 characters or in the printed form {@code XXXXXXXX-C}; canonical form is the 9 characters in
 * upper case without the hyphen, so both spellings of one code match.
 */
public final class OrganizationCode {

    private static final String KIND = "organization code";
    private static final int BODY_LENGTH = 8;
    private static final int[] WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private OrganizationCode() {
    }

    public static String canonical(String raw) {
        String typed = KeyText.present(raw);
        int[] chars = KeyText.codePoints(typed);
        boolean hyphenated = chars.length == BODY_LENGTH + 2;
        if (chars.length != BODY_LENGTH + 1 && !hyphenated) {
            throw new InvalidKeyException(KIND + " must be 9 characters (or 10 written as XXXXXXXX-X), got "
                    + chars.length);
        }
        if (hyphenated && chars[BODY_LENGTH] != '-') {
            throw new InvalidKeyException("a 10-character " + KIND + " must have '-' at position 9, got "
                    + KeyText.describe(chars[BODY_LENGTH]));
        }
        int sum = 0;
        for (int i = 0; i < BODY_LENGTH; i++) {
            int c = KeyText.upper(chars[i]);
            if (!KeyText.isDigit(c) && !KeyText.isLetter(c)) {
                throw new InvalidKeyException(KIND + " must have a digit or letter at position " + (i + 1)
                        + ", got " + KeyText.describe(chars[i]));
            }
            sum += value(c) * WEIGHTS[i];
        }
        int checkPosition = chars.length - 1;
        int check = KeyText.upper(chars[checkPosition]);
        if (!KeyText.isDigit(check) && check != 'X') {
            throw new InvalidKeyException(KIND + " must end with a digit or 'X', got "
                    + KeyText.describe(chars[checkPosition]));
        }
        char expected = checkCharacter(sum);
        if (check != expected) {
            throw new InvalidKeyException("check character of " + KIND + " " + KeyText.upper(typed) + " should be '"
                    + expected + "', got '" + (char) check + "'");
        }
        return KeyText.upper(typed.substring(0, BODY_LENGTH)) + expected;
    }

    public static boolean isValid(String raw) {
        return KeyText.accepts(OrganizationCode::canonical, raw);
    }

    /** GB 11714 values letters A-Z as 10-35, continuing after the digits. */
    private static int value(int upperCaseChar) {
        return KeyText.isDigit(upperCaseChar) ? upperCaseChar - '0' : upperCaseChar - 'A' + 10;
    }

    /** C9 = 11 - (sum mod 11), written 'X' for 10 and '0' for 11 so that it stays one character. */
    private static char checkCharacter(int sum) {
        int c9 = 11 - sum % 11;
        return c9 == 10 ? 'X' : c9 == 11 ? '0' : (char) ('0' + c9);
    }
}
