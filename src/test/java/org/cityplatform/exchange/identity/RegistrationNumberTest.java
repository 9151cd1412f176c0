package org.cityplatform.exchange.identity;

import static org.cityplatform.exchange.identity.IndependentChecks.DIGITS;
import static org.cityplatform.exchange.identity.IndependentChecks.completeRegistrationNumber;
import static org.cityplatform.exchange.identity.IndependentChecks.mod1110State;
import static org.cityplatform.exchange.identity.IndependentChecks.registrationNumberChecks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class RegistrationNumberTest {

    /** Check digits 0-9 between them; derived by hand (see the worked example) and by the independent check. */
    static Stream<String> validNumbers() {
        return Stream.of("110108000000016", "110108000000090", "110108000000081", "110108000000032",
                "110108000000073", "110108000000024", "110108000000065", "110108000000057", "110108000000008",
                "110108000000049", "310115000123456", "440301104567899", "330106000987658");
    }

    private static String rejection(String raw) {
        return assertThrows(InvalidKeyException.class, () -> RegistrationNumber.canonical(raw)).getMessage();
    }

    /**
     * An adjacent swap leaves the digits before and after it untouched, and each step of MOD 11,10 is one-to-one in
     * the running state, so the swap goes unnoticed exactly when the state right after the pair is unchanged.
     */
    private static boolean undetectable(Mutations.Mutant swap) {
        int i = IntStream.range(0, 15).filter(k -> swap.original().charAt(k) != swap.text().charAt(k))
                .findFirst().orElseThrow();
        return mod1110State(swap.original().substring(0, i + 2)) == mod1110State(swap.text().substring(0, i + 2));
    }

    @ParameterizedTest
    @MethodSource("validNumbers")
    void everyExampleIsConfirmedByTheIndependentCheckAndKeptAsIs(String number) {
        assertTrue(registrationNumberChecks(number), number);
        assertEquals(number, RegistrationNumber.canonical(number));
    }

    /**
     * 110108000000016 by hand, P starting at 10, S = (P + d) mod 10 (0 read as 10), next P = 2S mod 11:
     * <pre>
     * d:  1  1  0  1  0  8  0  0  0  0  0  0  0  1 | 6
     * P: 10  2  6  1  4  8  1  2  4  8  5 10  9  7 | 5
     * S:  1  3  6  2  4  6  1  2  4  8  5 10  9  8 | 1
     * </pre>
     * After the 14 body digits P = 5, so the check digit is (11 - 5) mod 10 = 6 and its S is (5 + 6) mod 10 = 1.
     */
    @Test
    void workedExampleWithCheckDigit6() {
        assertTrue(RegistrationNumber.isValid("110108000000016"));
        assertEquals("110108000000016", completeRegistrationNumber("11010800000001"));
    }

    /** P = 1 after the body, so (11 - 1) mod 10 = 0. */
    @Test
    void checkDigitZeroOccursWhenTheBodyEndsWithPEqualTo1() {
        assertEquals("110108000000090", completeRegistrationNumber("11010800000009"));
        assertTrue(RegistrationNumber.isValid("110108000000090"));
    }

    @Test
    void exactlyOneCheckDigitCompletesAnyBodyAndItIsTheIndependentlyComputedOne() {
        Random random = new Random(7064);
        for (int n = 0; n < 2_000; n++) {
            String body = String.format("%014d", random.nextLong() & Long.MAX_VALUE).substring(0, 14);
            List<String> accepted = IntStream.rangeClosed(0, 9)
                    .mapToObj(c -> body + c)
                    .filter(RegistrationNumber::isValid)
                    .toList();
            assertEquals(List.of(completeRegistrationNumber(body)), accepted, body);
        }
    }

    @ParameterizedTest
    @MethodSource("validNumbers")
    void everySingleDigitSubstitutionIsRejected(String number) {
        List<Mutations.Mutant> mutants = Mutations.substitutions(number, i -> DIGITS);
        assertEquals(15 * 9, mutants.size());
        for (Mutations.Mutant mutant : mutants) {
            assertFalse(RegistrationNumber.isValid(mutant.text()), mutant::toString);
        }
    }

    @ParameterizedTest
    @MethodSource("validNumbers")
    void anAdjacentTranspositionIsRejectedUnlessMod1110CannotSeeIt(String number) {
        for (Mutations.Mutant mutant : Mutations.adjacentTranspositions(number)) {
            assertEquals(undetectable(mutant), RegistrationNumber.isValid(mutant.text()), mutant::toString);
        }
    }

    /**
     * Observed over the examples: 3 of their 102 transpositions slip through, all in the bodies with runs of
     * consecutive digits ("12", "67", "87"), because the pair MOD 11,10 misses is always two digits one apart.
     */
    @Test
    void amongTheExamplesOnlyThreeTranspositionsGoUnnoticed() {
        List<Mutations.Mutant> all = validNumbers()
                .flatMap(number -> Mutations.adjacentTranspositions(number).stream())
                .toList();
        List<String> unseen = all.stream().filter(RegistrationNumberTest::undetectable).map(Mutations.Mutant::text)
                .toList();
        assertEquals(102, all.size());
        assertEquals(List.of("310115000213456", "440301104576899", "330106000978658"), unseen);
        unseen.forEach(text -> assertTrue(RegistrationNumber.isValid(text), text));
    }

    /**
     * Whatever digits came before, exactly one of the 45 pairs of different digits can be swapped next without
     * changing the state, and it is always two digits one apart (mod 10): MOD 11,10 catches 44 of 45 transpositions.
     */
    @Test
    void mod1110MissesExactlyOnePairOfNeighbouringDigitsForEachRunningState() {
        for (int state = 0; state < 10; state++) {
            int previous = state;
            List<int[]> missed = IntStream.range(0, 10).boxed()
                    .flatMap(a -> IntStream.range(a + 1, 10).mapToObj(b -> new int[] {a, b}))
                    .filter(p -> step(step(previous, p[0]), p[1]) == step(step(previous, p[1]), p[0]))
                    .toList();
            assertEquals(1, missed.size(), "state " + state);
            int difference = missed.get(0)[1] - missed.get(0)[0];
            assertTrue(difference == 1 || difference == 9, "state " + state);
        }
    }

    @Test
    void swapping5And6AtTheStartIsOneOfTheBlindSpots() {
        assertTrue(RegistrationNumber.isValid("560108000000010"));
        assertTrue(RegistrationNumber.isValid("650108000000010"));
    }

    @Test
    void wrongLengthIsReportedWithTheActualLength() {
        assertEquals("registration number must be 15 digits, got 14 characters", rejection("11010800000001"));
    }

    @Test
    void aNonDigitIsReportedWithItsPosition() {
        assertEquals("registration number must be digits only, got 'A' at position 3", rejection("11A108000000016"));
        assertEquals("registration number must be digits only, got '\uFF11' (U+FF11) at position 1",
                rejection("\uFF1110108000000016"));
    }

    @Test
    void aWrongCheckDigitIsReportedWithExpectedAndActual() {
        assertEquals("check digit of registration number 110108000000017 should be '6', got '7'",
                rejection("110108000000017"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void aMissingKeyIsReportedAsMissing(String raw) {
        assertEquals("key is missing", rejection(raw));
    }

    private static int step(int state, int digit) {
        return ((state == 0 ? 10 : state) * 2 % 11 + digit) % 10;
    }
}
