package org.cityplatform.exchange.identity;

import static org.cityplatform.exchange.identity.IndependentChecks.DIGITS;
import static org.cityplatform.exchange.identity.IndependentChecks.DIGITS_AND_LETTERS;
import static org.cityplatform.exchange.identity.IndependentChecks.completeOrganizationCode;
import static org.cityplatform.exchange.identity.IndependentChecks.organizationCodeChecks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OrganizationCodeTest {

    private static final String GB_11714_EXAMPLE = "D2143569X";

    /** Weights 2^8 ... 2^1 mod 11 (= 3 7 9 10 5 8 4 2) and 1 for the check character ('X' = 10). */
    private static final LinearCheck GB_11714 = new LinearCheck(11,
            IntStream.range(0, 9).map(i -> (1 << (8 - i)) % 11).toArray(),
            (position, c) -> position < 8 ? DIGITS_AND_LETTERS.indexOf(c) : c == 'X' ? 10 : DIGITS.indexOf(c));

    /** Includes check values 10 ('X') and 11 ('0'), all-digit bodies and bodies with letters. */
    static Stream<String> validCodes() {
        return Stream.of(GB_11714_EXAMPLE, "700010090", "70001004X", "MA0010010", "K0001001X", "123456788",
                "432567895");
    }

    private static String rejection(String raw) {
        return assertThrows(InvalidKeyException.class, () -> OrganizationCode.canonical(raw)).getMessage();
    }

    @ParameterizedTest
    @MethodSource("validCodes")
    void everyExampleIsConfirmedByTheIndependentCheckAndKeptAsIs(String code) {
        assertTrue(organizationCodeChecks(code), code);
        assertEquals(code, OrganizationCode.canonical(code));
    }

    @Test
    void theWeightsAreTheOnesTabulatedInGb11714() {
        assertEquals(List.of(3, 7, 9, 10, 5, 8, 4, 2, 1), IntStream.of(GB_11714.weights()).boxed().toList());
    }

    @Test
    void acceptsThePrintedFormWithAHyphenAndStoresItWithout() {
        assertEquals(GB_11714_EXAMPLE, OrganizationCode.canonical("D2143569-X"));
    }

    @Test
    void acceptsLowerCaseAndStoresItUpperCase() {
        assertEquals(GB_11714_EXAMPLE, OrganizationCode.canonical("d2143569-x"));
        assertEquals("MA0010010", OrganizationCode.canonical("ma0010010"));
    }

    @Test
    void checkValueTenIsWrittenXAndElevenIsWrittenZero() {
        assertEquals("70001004X", OrganizationCode.canonical("70001004-X"));
        assertEquals("700010090", OrganizationCode.canonical("70001009-0"));
    }

    @ParameterizedTest
    @MethodSource("validCodes")
    void aSingleSubstitutionIsRejectedUnlessGb11714CannotSeeIt(String code) {
        List<Mutations.Mutant> mutants = Mutations.substitutions(code, i -> i < 8 ? DIGITS_AND_LETTERS : DIGITS + "X");
        assertEquals(8 * 35 + 10, mutants.size());
        long undetectable = 0;
        for (Mutations.Mutant mutant : mutants) {
            boolean unseen = GB_11714.undetectable(mutant);
            assertEquals(unseen, OrganizationCode.isValid(mutant.text()), mutant::toString);
            if (unseen) {
                undetectable++;
            }
        }
        // A body value v can only be replaced unseen by another of 0-35 congruent to it mod 11.
        long expected = code.substring(0, 8).chars()
                .map(c -> DIGITS_AND_LETTERS.indexOf(c))
                .mapToLong(v -> IntStream.rangeClosed(0, 35).filter(u -> u != v && (u - v) % 11 == 0).count())
                .sum();
        assertEquals(expected, undetectable);
    }

    @ParameterizedTest
    @MethodSource("validCodes")
    void everySubstitutionOfADigitByADigitAndEveryCheckCharacterChangeIsRejected(String code) {
        IntFunction<String> digitPositionsOnly =
                i -> i == 8 ? DIGITS + "X" : DIGITS.indexOf(code.charAt(i)) >= 0 ? DIGITS : "";
        for (Mutations.Mutant mutant : Mutations.substitutions(code, digitPositionsOnly)) {
            assertFalse(GB_11714.undetectable(mutant), mutant::toString);
            assertFalse(OrganizationCode.isValid(mutant.text()), mutant::toString);
        }
    }

    @ParameterizedTest
    @MethodSource("validCodes")
    void anAdjacentTranspositionIsRejectedUnlessGb11714CannotSeeIt(String code) {
        for (Mutations.Mutant mutant : Mutations.adjacentTranspositions(code)) {
            assertEquals(GB_11714.undetectable(mutant), OrganizationCode.isValid(mutant.text()), mutant::toString);
        }
    }

    /**
     * Two swaps among the examples pass GB 11714 and so are accepted: 'D' (13) and '2' are 11 apart, and moving the
     * check 'X' into the body turns its value from 10 into 33.
     */
    @Test
    void amongTheExamplesOnlyTwoTranspositionsGoUnnoticedIncludingOneInTheStandardsOwnExample() {
        List<String> unseen = validCodes()
                .flatMap(code -> Mutations.adjacentTranspositions(code).stream())
                .filter(GB_11714::undetectable)
                .map(Mutations.Mutant::text)
                .toList();
        assertEquals(List.of("2D143569X", "K000100X1"), unseen);
        unseen.forEach(text -> assertTrue(OrganizationCode.isValid(text), text));
    }

    /**
     * With digits only, a swap inside the body changes the sum by (w_i - w_(i+1)) * (b - a), never 0 mod 11; a swap of
     * the last digit d with a digit check character c changes it by c - d. The one blind spot is d = 1 before an 'X':
     * 2 * (33 - 1) + (1 - 10) = 55.
     */
    @Test
    void inAllDigitCodesOnlySwappingATrailing1XGoesUnnoticed() {
        Random random = new Random(1997);
        int unseenCount = 0;
        for (int n = 0; n < 2_000; n++) {
            String code = completeOrganizationCode(String.format("%08d", random.nextInt(100_000_000)));
            for (Mutations.Mutant mutant : Mutations.adjacentTranspositions(code)) {
                boolean unseen = GB_11714.undetectable(mutant);
                assertEquals(unseen, OrganizationCode.isValid(mutant.text()), mutant::toString);
                assertEquals(code.endsWith("1X") && mutant.text().endsWith("X1"), unseen, mutant::toString);
                unseenCount += unseen ? 1 : 0;
            }
        }
        assertTrue(unseenCount > 0, "the sample should include at least one code ending in 1X");
    }

    /** GB 11714 works mod 11 while letters run up to 35, so '0' and 'B' (11) weigh the same. */
    @Test
    void aLetterElevenApartFromADigitGoesUnnoticedAsGb11714Specifies() {
        assertTrue(organizationCodeChecks("000000000"));
        assertTrue(organizationCodeChecks("0B0000000"));
        assertTrue(OrganizationCode.isValid("000000000"));
        assertTrue(OrganizationCode.isValid("0B0000000"));
    }

    @Test
    void agreesWithTheIndependentCheckOnRandomCodes() {
        Random random = new Random(11714);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                body.append(DIGITS_AND_LETTERS.charAt(random.nextInt(36)));
            }
            for (char check : (DIGITS + "X").toCharArray()) {
                String code = body.toString() + check;
                assertEquals(organizationCodeChecks(code), OrganizationCode.isValid(code), code);
            }
            assertTrue(OrganizationCode.isValid(completeOrganizationCode(body.toString())));
        }
    }

    @Test
    void wrongLengthIsReportedWithTheActualLength() {
        assertEquals("organization code must be 9 characters (or 10 written as XXXXXXXX-X), got 8",
                rejection("D2143569"));
        assertEquals("organization code must be 9 characters (or 10 written as XXXXXXXX-X), got 11",
                rejection("D2143569--X"));
    }

    @Test
    void aTenCharacterCodeMustHaveItsHyphenBeforeTheCheckCharacter() {
        assertEquals("a 10-character organization code must have '-' at position 9, got '9'",
                rejection("D214356-9X"));
    }

    @Test
    void aBodyCharacterOtherThanDigitOrLetterIsReportedWithItsPosition() {
        assertEquals("organization code must have a digit or letter at position 5, got '_'", rejection("D214_569X"));
        assertEquals("organization code must have a digit or letter at position 1, got '\u0131' (U+0131)",
                rejection("\u01312143569X"));
    }

    @Test
    void aLastCharacterOtherThanDigitOrXIsReported() {
        assertEquals("organization code must end with a digit or 'X', got 'Y'", rejection("D2143569-Y"));
    }

    @Test
    void aWrongCheckCharacterIsReportedWithExpectedAndActual() {
        assertEquals("check character of organization code D2143569-5 should be 'X', got '5'",
                rejection("d2143569-5"));
        assertEquals("check character of organization code 700010091 should be '0', got '1'", rejection("700010091"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void aMissingKeyIsReportedAsMissing(String raw) {
        assertEquals("key is missing", rejection(raw));
    }
}
