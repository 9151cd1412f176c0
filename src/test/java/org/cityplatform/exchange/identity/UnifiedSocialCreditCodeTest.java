package org.cityplatform.exchange.identity;

import static org.cityplatform.exchange.identity.IndependentChecks.CREDIT_CODE_ALPHABET;
import static org.cityplatform.exchange.identity.IndependentChecks.completeCreditCode;
import static org.cityplatform.exchange.identity.IndependentChecks.creditCodeChecks;
import static org.cityplatform.exchange.identity.IndependentChecks.organizationCodeChecks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UnifiedSocialCreditCodeTest {

    private static final String GB_32100_EXAMPLE = "91350100M000100Y43";
    /** Valid credit code whose embedded organization code MA1K00112 fails GB 11714 (it would need check '0'). */
    private static final String EMBEDDED_ORGANIZATION_CODE_INVALID = "91310115MA1K001120";

    /** Weights 3^(i-1) mod 31 for positions 1-17, and 1 for the check character. */
    private static final LinearCheck GB_32100 = new LinearCheck(31,
            IntStream.range(0, 18).map(i -> i == 17 ? 1 : (int) (Math.pow(3, i) % 31)).toArray(),
            (position, c) -> CREDIT_CODE_ALPHABET.indexOf(c));

    /** Includes check values 0 ('0') and 30 ('Y') and letters in positions 1-2. */
    static Stream<String> validCodes() {
        return Stream.of(GB_32100_EXAMPLE, EMBEDDED_ORGANIZATION_CODE_INVALID, "91310115MA1K00102Y",
                "Y1440300MJ0000119Y", "Y1440300MJ00001290", "N2310115MC00001280", "12100000000000118Y",
                "521000000000001390");
    }

    private static String rejection(String raw) {
        return assertThrows(InvalidKeyException.class, () -> UnifiedSocialCreditCode.canonical(raw)).getMessage();
    }

    @ParameterizedTest
    @MethodSource("validCodes")
    void everyExampleIsConfirmedByTheIndependentCheckAndKeptAsIs(String code) {
        assertTrue(creditCodeChecks(code), code);
        assertEquals(code, UnifiedSocialCreditCode.canonical(code));
    }

    @Test
    void independentAlphabetIsTheThirtyOneCharactersOfGb32100() {
        assertEquals("0123456789ABCDEFGHJKLMNPQRTUWXY", CREDIT_CODE_ALPHABET);
    }

    @Test
    void theStandardsWorkedExampleIsValid() {
        assertTrue(UnifiedSocialCreditCode.isValid(GB_32100_EXAMPLE));
    }

    @Test
    void acceptsLowerCaseAndStoresItUpperCase() {
        assertEquals(GB_32100_EXAMPLE, UnifiedSocialCreditCode.canonical("91350100m000100y43"));
        assertEquals("Y1440300MJ0000119Y", UnifiedSocialCreditCode.canonical("y1440300mj0000119y"));
    }

    @Test
    void checkValueZeroIsWrittenZeroAndThirtyIsWrittenY() {
        assertEquals("91310115MA1K001120", UnifiedSocialCreditCode.canonical("91310115MA1K001120"));
        assertEquals("91310115MA1K00102Y", UnifiedSocialCreditCode.canonical("91310115MA1K00102Y"));
    }

    @Test
    void lettersAreAllowedInTheAuthorityAndTypePositions() {
        assertTrue(UnifiedSocialCreditCode.isValid("Y1440300MJ0000119Y"));
        assertTrue(UnifiedSocialCreditCode.isValid("N2310115MC00001280"));
    }

    /** Art. 16 keeps to the GB 32100 check; the organization code inside positions 9-17 is not checked again. */
    @Test
    void anEmbeddedOrganizationCodeThatFailsGb11714DoesNotMakeTheCreditCodeInvalid() {
        String embedded = EMBEDDED_ORGANIZATION_CODE_INVALID.substring(8, 17);
        assertEquals("MA1K00112", embedded);
        assertFalse(organizationCodeChecks(embedded));
        assertFalse(OrganizationCode.isValid(embedded));
        assertTrue(UnifiedSocialCreditCode.isValid(EMBEDDED_ORGANIZATION_CODE_INVALID));
    }

    @ParameterizedTest
    @MethodSource("validCodes")
    void everySingleCharacterSubstitutionIsRejected(String code) {
        List<Mutations.Mutant> mutants = Mutations.substitutions(code, i -> CREDIT_CODE_ALPHABET);
        assertEquals(18 * 30, mutants.size());
        for (Mutations.Mutant mutant : mutants) {
            assertFalse(GB_32100.undetectable(mutant), mutant::toString);
            assertFalse(UnifiedSocialCreditCode.isValid(mutant.text()), mutant::toString);
        }
    }

    @ParameterizedTest
    @MethodSource("validCodes")
    void everyAdjacentTranspositionIsRejectedBecauseNoneIsUndetectableMod31(String code) {
        List<Mutations.Mutant> mutants = Mutations.adjacentTranspositions(code);
        assertEquals(0, mutants.stream().filter(GB_32100::undetectable).count());
        for (Mutations.Mutant mutant : mutants) {
            assertFalse(UnifiedSocialCreditCode.isValid(mutant.text()), mutant::toString);
        }
    }

    /**
     * Why no transposition slips through: a swap of values a and b in positions i, i+1 changes the sum by
     * (w_i - w_(i+1)) * (b - a); 31 is prime, |b - a| is 1-30 and no neighbouring weights are congruent mod 31.
     */
    @Test
    void noNeighbouringWeightsAreCongruentMod31() {
        int[] w = GB_32100.weights();
        for (int i = 0; i + 1 < w.length; i++) {
            assertNotEquals(0, Math.floorMod(w[i] - w[i + 1], 31), "positions " + (i + 1) + "-" + (i + 2));
        }
    }

    @Test
    void agreesWithTheIndependentCheckOnRandomCodes() {
        Random random = new Random(32100);
        for (int n = 0; n < 1_000; n++) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 17; i++) {
                body.append(CREDIT_CODE_ALPHABET.charAt(random.nextInt(31)));
            }
            for (char check : CREDIT_CODE_ALPHABET.toCharArray()) {
                String code = body.toString() + check;
                assertEquals(creditCodeChecks(code), UnifiedSocialCreditCode.isValid(code), code);
            }
            assertTrue(UnifiedSocialCreditCode.isValid(completeCreditCode(body.toString())));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"I", "O", "S", "V", "Z"})
    void lettersLeftOutOfTheAlphabetAreReportedWithTheirPosition(String letter) {
        String code = "91350100" + letter + "000100Y43";
        assertEquals("unified social credit code has '" + letter + "' at position 9, which is not in its alphabet"
                + " (digits and letters except I, O, S, V, Z)", rejection(code));
        assertEquals("unified social credit code has '" + letter.toLowerCase() + "' at position 9, which is not in"
                + " its alphabet (digits and letters except I, O, S, V, Z)", rejection(code.toLowerCase()));
    }

    @Test
    void nonAsciiLookalikesAreRefused() {
        // Upper-casing U+0131 (dotless i) or U+017F (long s) with the JDK would yield 'I' or 'S'.
        assertEquals("unified social credit code has '\u017f' (U+017F) at position 9, which is not in its alphabet"
                + " (digits and letters except I, O, S, V, Z)", rejection("91350100\u017f000100Y43"));
    }

    @Test
    void wrongLengthIsReportedWithTheActualLength() {
        assertEquals("unified social credit code must be 18 characters, got 17", rejection("91350100M000100Y4"));
    }

    @Test
    void aWrongCheckCharacterIsReportedWithExpectedAndActual() {
        assertEquals("check character of unified social credit code 91350100M000100Y44 should be '3', got '4'",
                rejection("91350100m000100y44"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\u3000"})
    void aMissingKeyIsReportedAsMissing(String raw) {
        assertEquals("key is missing", rejection(raw));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertEquals(GB_32100_EXAMPLE, UnifiedSocialCreditCode.canonical("  91350100m000100y43\t"));
    }
}
