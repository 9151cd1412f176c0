package org.cityplatform.exchange.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeyTest {

    private static final String NOT_PLAIN = " is not a plain decimal number (digits with an optional leading '-' and"
            + " decimal point; exponents, NaN and Infinity are not accepted)";

    private static String rejection(String raw) {
        return assertThrows(InvalidKeyException.class, () -> ObjectKey.canonical(raw)).getMessage();
    }

    @Test
    void coordinatesAreWrittenWithSixDecimals() {
        assertEquals("31.230400,121.473700", ObjectKey.canonical("31.2304,121.4737"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"31.2304 , 121.4737", "31.2304,  121.4737", "31.2304 ,121.4737", "  31.2304,121.4737 "})
    void spacesAroundTheCommaAndAroundTheKeyAreIgnored(String raw) {
        assertEquals("31.230400,121.473700", ObjectKey.canonical(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.0000005,0.00000049     | 0.000001,0.000000",
        "-0.0000005,-0.00000049   | -0.000001,0.000000",
        "31.23040049,121.4737005  | 31.230400,121.473701",
        "31,121                   | 31.000000,121.000000",
        "031.2304,0121.4737       | 31.230400,121.473700"})
    void roundingIsHalfUpAwayFromZero(String raw, String canonical) {
        assertEquals(canonical, ObjectKey.canonical(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.0000001,0", "-0,-0.0", "-0.000000,-0.0000004"})
    void negativeZeroIsWrittenWithoutASign(String raw) {
        assertEquals("0.000000,0.000000", ObjectKey.canonical(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "90,180       | 90.000000,180.000000",
        "-90,-180     | -90.000000,-180.000000",
        "90.000000,0  | 90.000000,0.000000"})
    void thePolesAndTheAntimeridianAreInRange(String raw, String canonical) {
        assertEquals(canonical, ObjectKey.canonical(raw));
    }

    @Test
    void valuesJustOutsideTheRangeAreRefusedEvenIfTheyWouldRoundIntoIt() {
        assertEquals("latitude 90.0000001 is outside [-90, 90]", rejection("90.0000001,0"));
        assertEquals("latitude -90.0000004 is outside [-90, 90]", rejection("-90.0000004,0"));
        assertEquals("longitude 180.0000001 is outside [-180, 180]", rejection("0,180.0000001"));
        assertEquals("longitude -181 is outside [-180, 180]", rejection("0,-181"));
    }

    @Test
    void latitudeAndLongitudeAreNotInterchangeable() {
        assertEquals("latitude 121.4737 is outside [-90, 90]", rejection("121.4737,31.2304"));
    }

    /** Plain decimals only: no survey or GIS export writes degrees this way, so these point to a conversion bug. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NaN,0          | latitude 'NaN'",
        "0,Infinity     | longitude 'Infinity'",
        "-Infinity,0    | latitude '-Infinity'",
        "1e3,0          | latitude '1e3'",
        "0,1.2E1        | longitude '1.2E1'",
        "+31.2,121.4    | latitude '+31.2'",
        ".5,0           | latitude '.5'",
        "5.,0           | latitude '5.'",
        "0x1p3,0        | latitude '0x1p3'",
        "31.2d,121.4    | latitude '31.2d'",
        "31.2f,121.4    | latitude '31.2f'",
        "'31.2 121.4,0' | latitude '31.2 121.4'"})
    void anythingButAPlainDecimalIsRefused(String raw, String axisAndText) {
        assertEquals(axisAndText + NOT_PLAIN, rejection(raw));
    }

    @Test
    void aMissingNumberIsRefused() {
        assertEquals("longitude ''" + NOT_PLAIN, rejection("31.2,"));
        assertEquals("latitude ''" + NOT_PLAIN, rejection(",121.4"));
    }

    @Test
    void moreThanTwoValuesAreRefused() {
        assertEquals("coordinates must be written 'lat,lon', got 3 comma-separated values", rejection("31.2,121.4,7"));
    }

    @Test
    void objectCodesAreStoredUpperCase() {
        assertEquals("BLDG-0042:FLOOR.3_A", ObjectKey.canonical("bldg-0042:floor.3_a"));
        assertEquals("7", ObjectKey.canonical("7"));
    }

    /** Without a comma a key is an object code, so these are codes, not numbers. */
    @ParameterizedTest
    @CsvSource({"NaN, NAN", "1e3, 1E3", "31.2304, 31.2304", "Infinity, INFINITY"})
    void loneTokensAreObjectCodesNotNumbers(String raw, String canonical) {
        assertEquals(canonical, ObjectKey.canonical(raw));
    }

    @Test
    void objectCodesMayBe64CharactersButNotMore() {
        assertEquals("A".repeat(64), ObjectKey.canonical("a".repeat(64)));
        assertEquals("object code must be at most 64 characters, got 65", rejection("a".repeat(65)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"_a", "-a", ".a", ":a"})
    void objectCodesMustStartWithALetterOrDigit(String raw) {
        assertEquals("object code must start with a letter or digit, got '" + raw.charAt(0) + "'", rejection(raw));
    }

    @Test
    void forbiddenCharactersInObjectCodesAreReportedWithTheirPosition() {
        assertEquals("object code has ' ' (U+0020) at position 5; only letters, digits and _ . : - are allowed",
                rejection("bldg 42"));
        assertEquals("object code has '/' at position 5; only letters, digits and _ . : - are allowed",
                rejection("bldg/42"));
        assertEquals("object code has '\u00e9' (U+00E9) at position 3; only letters, digits and _ . : - are allowed",
                rejection("ca\u00e9"));
        assertEquals("object code must start with a letter or digit, got '\u0131' (U+0131)", rejection("\u0131d"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\t"})
    void aMissingKeyIsReportedAsMissing(String raw) {
        assertEquals("key is missing", rejection(raw));
        assertFalse(ObjectKey.isValid(raw));
    }

    @Test
    void isValidMirrorsCanonical() {
        assertTrue(ObjectKey.isValid("31.2304,121.4737"));
        assertFalse(ObjectKey.isValid("91,0"));
    }
}
