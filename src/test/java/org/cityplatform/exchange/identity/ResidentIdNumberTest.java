package org.cityplatform.exchange.identity;

import static org.cityplatform.exchange.identity.IndependentChecks.DIGITS;
import static org.cityplatform.exchange.identity.IndependentChecks.completeResidentId;
import static org.cityplatform.exchange.identity.IndependentChecks.residentIdChecks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ResidentIdNumberTest {

    /** Birth-date rules depend on "today"; a fixed day keeps the tests from drifting with the calendar. */
    private static final Clock TODAY = Clock.fixed(Instant.parse("2025-06-15T04:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private static final String GB_11643_EXAMPLE = "11010519491231002X";

    /** Weights 2^(17-i) mod 11, with the check character's weight 1 last. */
    private static final LinearCheck GB_11643 = new LinearCheck(11,
            IntStream.range(0, 18).map(i -> (1 << (17 - i)) % 11).toArray(),
            (position, c) -> position == 17 && c == 'X' ? 10 : DIGITS.indexOf(c));

    /** Between them they end in every possible check character, including '0' (value 0) and 'X' (value 10). */
    static Stream<String> validKeys() {
        return Stream.of(GB_11643_EXAMPLE,
                "440305198511161030", "440305198511161081", "440305198511161022", "440305198511161073",
                "440305198511161014", "440305198511161065", "110105199003071036", "440305198511161057",
                "110105199003071028", "440305198511161049", "11010519900307101X",
                "310115200002291235", "310115202506151235");
    }

    private static String rejection(String raw) {
        return assertThrows(InvalidKeyException.class, () -> ResidentIdNumber.canonical(raw, TODAY)).getMessage();
    }

    private static String withBirthDate(String yyyyMMdd) {
        return completeResidentId("310115" + yyyyMMdd + "123");
    }

    @ParameterizedTest
    @MethodSource("validKeys")
    void everyExampleIsConfirmedByTheIndependentCheckAndKeptAsIs(String key) {
        assertTrue(residentIdChecks(key), key);
        assertEquals(key, ResidentIdNumber.canonical(key, TODAY));
    }

    @Test
    void examplesCoverEveryCheckCharacter() {
        String lastCharacters = validKeys().map(k -> k.substring(17)).sorted().distinct().collect(Collectors.joining());
        assertEquals("0123456789X", lastCharacters);
    }

    @Test
    void theStandardsWorkedExampleIsValidAndEncodesItsBirthDate() {
        assertEquals(GB_11643_EXAMPLE, ResidentIdNumber.canonical(GB_11643_EXAMPLE));
        assertEquals(LocalDate.of(1949, 12, 31), ResidentIdNumber.birthDate(GB_11643_EXAMPLE));
    }

    @Test
    void acceptsLowerCaseXAndStoresItUpperCase() {
        assertEquals("11010519491231002X", ResidentIdNumber.canonical("11010519491231002x", TODAY));
        assertEquals(LocalDate.of(1949, 12, 31), ResidentIdNumber.birthDate("11010519491231002x"));
    }

    @Test
    void checkValueTenIsWrittenX() {
        assertEquals("11010519900307101X", ResidentIdNumber.canonical("11010519900307101X", TODAY));
        assertFalse(ResidentIdNumber.isValid("110105199003071010", TODAY), "10 must not be written as a digit");
    }

    @Test
    void checkValueZeroIsWrittenZero() {
        assertEquals("440305198511161030", ResidentIdNumber.canonical("440305198511161030", TODAY));
    }

    @Test
    void widelyCitedExample440524188001010014HasACorrectCheckDigitButIsRefusedForBeingBornIn1880() {
        assertTrue(residentIdChecks("440524188001010014"));
        assertEquals("birth date 1880-01-01 is before 1900-01-01", rejection("440524188001010014"));
    }

    @ParameterizedTest
    @MethodSource("validKeys")
    void everySingleCharacterSubstitutionIsRejected(String key) {
        List<Mutations.Mutant> mutants = Mutations.substitutions(key, i -> i < 17 ? DIGITS : DIGITS + "X");
        assertEquals(17 * 9 + 10, mutants.size());
        for (Mutations.Mutant mutant : mutants) {
            assertFalse(GB_11643.undetectable(mutant), mutant::toString);
            assertFalse(ResidentIdNumber.isValid(mutant.text(), TODAY), mutant::toString);
        }
    }

    @ParameterizedTest
    @MethodSource("validKeys")
    void everyAdjacentTranspositionIsRejected(String key) {
        List<Mutations.Mutant> mutants = Mutations.adjacentTranspositions(key);
        assertFalse(mutants.isEmpty());
        for (Mutations.Mutant mutant : mutants) {
            assertFalse(GB_11643.undetectable(mutant), mutant::toString);
            assertFalse(ResidentIdNumber.isValid(mutant.text(), TODAY), mutant::toString);
        }
    }

    /**
     * Why the two tests above can demand every mutant be caught: no weight and no difference of neighbouring weights
     * is a multiple of 11, and 11 is prime, so a change of 1-10 in one value, or a swap of two different values,
     * always changes the sum mod 11.
     */
    @Test
    void mod11CatchesEverySingleChangeAndSwapInPrinciple() {
        int[] w = GB_11643.weights();
        for (int i = 0; i < w.length; i++) {
            for (int change = 1; change <= 10; change++) {
                assertNotEquals(0, w[i] * change % 11, "position " + (i + 1));
                if (i + 1 < w.length) {
                    assertNotEquals(0, Math.floorMod((w[i] - w[i + 1]) * change, 11), "positions " + (i + 1));
                }
            }
        }
    }

    @Test
    void agreesWithTheIndependentCheckOnRandomNumbers() {
        Random random = new Random(11643);
        DateTimeFormatter yyyyMMdd = DateTimeFormatter.BASIC_ISO_DATE;
        for (int n = 0; n < 2_000; n++) {
            LocalDate birth = LocalDate.of(1900, 1, 1).plusDays(random.nextInt(45_000));
            String body = String.format("%06d", random.nextInt(1_000_000)) + birth.format(yyyyMMdd)
                    + String.format("%03d", random.nextInt(1000));
            for (char check : (DIGITS + "X").toCharArray()) {
                String key = body + check;
                assertEquals(residentIdChecks(key), ResidentIdNumber.isValid(key, TODAY), key);
            }
        }
    }

    @Test
    void leapDayIsAcceptedInLeapYears() {
        assertTrue(ResidentIdNumber.isValid(withBirthDate("20000229"), TODAY));
        assertTrue(ResidentIdNumber.isValid(withBirthDate("20240229"), TODAY));
        assertEquals(LocalDate.of(2024, 2, 29), ResidentIdNumber.birthDate(withBirthDate("20240229")));
    }

    @Test
    void leapDayIsRefusedInOtherYearsIncludingTheCentury1900() {
        assertEquals("birth date 2023-02-29 is not a valid date", rejection(withBirthDate("20230229")));
        assertEquals("birth date 1900-02-29 is not a valid date", rejection(withBirthDate("19000229")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"19901301", "19900100", "19900431", "19900001", "20310230"})
    void impossibleCalendarDatesAreRefused(String yyyyMMdd) {
        String shown = yyyyMMdd.substring(0, 4) + "-" + yyyyMMdd.substring(4, 6) + "-" + yyyyMMdd.substring(6);
        assertEquals("birth date " + shown + " is not a valid date", rejection(withBirthDate(yyyyMMdd)));
    }

    @Test
    void bornTodayIsAcceptedButBornTomorrowIsRefused() {
        assertTrue(ResidentIdNumber.isValid(withBirthDate("20250615"), TODAY));
        assertEquals("birth date 2025-06-16 is in the future (today is 2025-06-15)",
                rejection(withBirthDate("20250616")));
    }

    @Test
    void todayIsJudgedInChinaNotInTheServersZone() {
        // 2025-06-15T17:00Z is already 2025-06-16 in China but still 2025-06-15 in UTC.
        Clock lateEveningUtc = Clock.fixed(Instant.parse("2025-06-15T17:00:00Z"), ZoneId.of("Asia/Shanghai"));
        assertTrue(ResidentIdNumber.isValid(withBirthDate("20250616"), lateEveningUtc));
    }

    @Test
    void birthDatesFrom1900OnAreAcceptedAndEarlierOnesRefused() {
        assertTrue(ResidentIdNumber.isValid(withBirthDate("19000101"), TODAY));
        assertEquals("birth date 1899-12-31 is before 1900-01-01", rejection(withBirthDate("18991231")));
    }

    @Test
    void wrongLengthIsReportedWithTheActualLength() {
        assertEquals("resident identity number must be 18 characters, got 17", rejection("11010519491231002"));
        assertEquals("resident identity number must be 18 characters, got 19", rejection("11010519491231002X1"));
    }

    @Test
    void aNonDigitInTheFirst17IsReportedWithItsPosition() {
        assertEquals("resident identity number must have a digit at position 7, got 'A'",
                rejection("110105A9491231002X"));
        assertEquals("resident identity number must have a digit at position 17, got 'X'",
                rejection("1101051949123100X2"));
    }

    @Test
    void aLastCharacterOtherThanDigitOrXIsReported() {
        assertEquals("resident identity number must end with a digit or 'X', got 'Y'", rejection("11010519491231002Y"));
    }

    @Test
    void aWrongCheckCharacterIsReportedWithExpectedAndActual() {
        assertEquals("check character of resident identity number 110105194912310025 should be 'X', got '5'",
                rejection("110105194912310025"));
        assertEquals("check character of resident identity number 44030519851116103X should be '0', got 'X'",
                rejection("44030519851116103x"));
    }

    @Test
    void fullWidthDigitsAreRefusedEvenThoughJavaCallsThemDigits() {
        String fullWidth = "\uFF11\uFF11\uFF10\uFF11\uFF10\uFF15\uFF11\uFF19\uFF14\uFF19\uFF11\uFF12\uFF13\uFF11"
                + "\uFF10\uFF10\uFF12X";
        assertTrue(Character.isDigit(fullWidth.charAt(0)));
        assertEquals("resident identity number must have a digit at position 1, got '\uFF11' (U+FF11)",
                rejection(fullWidth));
    }

    @Test
    void surroundingWhitespaceIncludingTheIdeographicSpaceIsIgnored() {
        assertEquals(GB_11643_EXAMPLE, ResidentIdNumber.canonical(" \t11010519491231002x\u3000\n", TODAY));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n", "\u3000"})
    void aMissingKeyIsReportedAsMissing(String raw) {
        assertEquals("key is missing", rejection(raw));
        assertFalse(ResidentIdNumber.isValid(raw));
    }

    @Test
    void birthDateIsOnlyReadFromValidNumbers() {
        InvalidKeyException e = assertThrows(InvalidKeyException.class,
                () -> ResidentIdNumber.birthDate("110105194912310025"));
        assertTrue(e.getMessage().startsWith("check character"), e.getMessage());
    }
}
