package org.cityplatform.exchange.identity;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Resident identity number, the subject key of PERSON datasets under Art. 16 of the city's data sharing policy,
 * checked as specified by GB 11643-1999 (citizen identification number).
 *
 * <p>Canonical form: the 18 characters with a lower-case check character {@code x} written as {@code X}.
 * Region codes (positions 1-6) are deliberately not checked: administrative divisions are renamed and merged over
 * time, while numbers issued under old codes stay valid for life.
 */
public final class ResidentIdNumber {

    private static final String KIND = "resident identity number";
    private static final int LENGTH = 18;
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    /** Indexed by the weighted sum mod 11; GB 11643 picks the character that makes the full sum congruent to 1. */
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);
    /** Numbers are issued in China, so "in the future" is judged by China's calendar day, not the server's zone. */
    private static final ZoneId ISSUING_ZONE = ZoneId.of("Asia/Shanghai");

    private ResidentIdNumber() {
    }

    /** Canonical form of {@code raw}, judging "birth date in the future" by today's date in China. */
    public static String canonical(String raw) {
        return canonical(raw, Clock.system(ISSUING_ZONE));
    }

    /** Canonical form of {@code raw}; {@code clock} supplies "today" for the birth-date check. */
    public static String canonical(String raw, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        String typed = KeyText.present(raw);
        int[] chars = KeyText.codePoints(typed);
        if (chars.length != LENGTH) {
            throw new InvalidKeyException(KIND + " must be " + LENGTH + " characters, got " + chars.length);
        }
        for (int i = 0; i < LENGTH - 1; i++) {
            if (!KeyText.isDigit(chars[i])) {
                throw new InvalidKeyException(KIND + " must have a digit at position " + (i + 1)
                        + ", got " + KeyText.describe(chars[i]));
            }
        }
        int last = KeyText.upper(chars[LENGTH - 1]);
        if (!KeyText.isDigit(last) && last != 'X') {
            throw new InvalidKeyException(KIND + " must end with a digit or 'X', got "
                    + KeyText.describe(chars[LENGTH - 1]));
        }
        String key = KeyText.upper(typed);
        char expected = checkCharacter(key);
        if (key.charAt(LENGTH - 1) != expected) {
            throw new InvalidKeyException("check character of " + KIND + " " + key + " should be '" + expected
                    + "', got '" + key.charAt(LENGTH - 1) + "'");
        }
        requirePlausibleBirthDate(key, LocalDate.now(clock));
        return key;
    }

    public static boolean isValid(String raw) {
        return isValid(raw, Clock.system(ISSUING_ZONE));
    }

    public static boolean isValid(String raw, Clock clock) {
        try {
            canonical(raw, clock);
            return true;
        } catch (InvalidKeyException e) {
            return false;
        }
    }

    /** Birth date encoded in a valid number; validates first so a date is never read from a rejected key. */
    public static LocalDate birthDate(String key) {
        return encodedDate(canonical(key));
    }

    private static char checkCharacter(String key) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (key.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    private static void requirePlausibleBirthDate(String key, LocalDate today) {
        String shown = key.substring(6, 10) + "-" + key.substring(10, 12) + "-" + key.substring(12, 14);
        LocalDate birth;
        try {
            birth = encodedDate(key);
        } catch (DateTimeException e) {
            throw new InvalidKeyException("birth date " + shown + " is not a valid date");
        }
        if (birth.isBefore(EARLIEST_BIRTH_DATE)) {
            throw new InvalidKeyException("birth date " + shown + " is before " + EARLIEST_BIRTH_DATE);
        }
        if (birth.isAfter(today)) {
            throw new InvalidKeyException("birth date " + shown + " is in the future (today is " + today + ")");
        }
    }

    private static LocalDate encodedDate(String key) {
        return LocalDate.of(Integer.parseInt(key.substring(6, 10)),
                Integer.parseInt(key.substring(10, 12)),
                Integer.parseInt(key.substring(12, 14)));
    }
}
