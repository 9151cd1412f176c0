package org.cityplatform.exchange.identity;

import java.math.BigInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The check-character rules written a second time, from each standard's own formulation instead of the production
 * tables, so that every example in the tests is confirmed by code that cannot share a production typo.
 */
final class IndependentChecks {

    static final String DIGITS = "0123456789";
    static final String DIGITS_AND_LETTERS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    /** GB 32100: digits and upper-case letters without I, O, S, V, Z, in that order. */
    static final String CREDIT_CODE_ALPHABET = DIGITS_AND_LETTERS.chars()
            .filter(c -> "IOSVZ".indexOf(c) < 0)
            .mapToObj(c -> String.valueOf((char) c))
            .collect(Collectors.joining());

    private static final BigInteger TWO = BigInteger.valueOf(2);
    private static final BigInteger THREE = BigInteger.valueOf(3);
    private static final BigInteger ELEVEN = BigInteger.valueOf(11);
    private static final BigInteger THIRTY_ONE = BigInteger.valueOf(31);

    private IndependentChecks() {
    }

    /** GB 11643: the sum of a_i * 2^(18-i) mod 11 over all 18 positions is 1 (mod 11), 'X' standing for 10. */
    static boolean residentIdChecks(String key) {
        if (key.length() != 18) {
            return false;
        }
        int total = 0;
        for (int i = 1; i <= 18; i++) {
            char c = key.charAt(i - 1);
            int a = i == 18 && c == 'X' ? 10 : DIGITS.indexOf(c);
            if (a < 0) {
                return false;
            }
            total += a * TWO.modPow(BigInteger.valueOf(18 - i), ELEVEN).intValueExact();
        }
        return total % 11 == 1;
    }

    /** GB 32100: the sum of v_i * 3^(i-1) over positions 1-17, plus v_18, is 0 (mod 31). */
    static boolean creditCodeChecks(String key) {
        if (key.length() != 18) {
            return false;
        }
        BigInteger total = BigInteger.ZERO;
        for (int i = 1; i <= 18; i++) {
            int v = CREDIT_CODE_ALPHABET.indexOf(key.charAt(i - 1));
            if (v < 0) {
                return false;
            }
            BigInteger weight = i == 18 ? BigInteger.ONE : THREE.pow(i - 1);
            total = total.add(weight.multiply(BigInteger.valueOf(v)));
        }
        return total.mod(THIRTY_ONE).signum() == 0;
    }

    /**
     * GB 11714: the weights 3 7 9 10 5 8 4 2 are 2^8 ... 2^1 mod 11, and C9 = 11 - (sum mod 11) means the sum of
     * v_i * 2^(9-i) over all 9 positions is 0 (mod 11), with 'X' = 10 and '0' standing for 11.
     */
    static boolean organizationCodeChecks(String key) {
        if (key.length() != 9) {
            return false;
        }
        int total = 0;
        for (int i = 1; i <= 8; i++) {
            int v = DIGITS_AND_LETTERS.indexOf(key.charAt(i - 1));
            if (v < 0) {
                return false;
            }
            total += v * TWO.pow(9 - i).mod(ELEVEN).intValueExact();
        }
        char check = key.charAt(8);
        int c9 = check == 'X' ? 10 : DIGITS.indexOf(check);
        return c9 >= 0 && (total + c9) % 11 == 0;
    }

    /**
     * ISO 7064 MOD 11,10 in the "running check" formulation used by python-stdnum: the state is S mod 10, starting
     * from 5 so that the first doubling yields P = 10; a number is valid when the final state is 1.
     */
    static boolean registrationNumberChecks(String key) {
        return key.length() == 15 && key.chars().allMatch(c -> DIGITS.indexOf(c) >= 0) && mod1110State(key) == 1;
    }

    static int mod1110State(String digits) {
        int check = 5;
        for (int i = 0; i < digits.length(); i++) {
            check = ((check == 0 ? 10 : check) * 2 % 11 + digits.charAt(i) - '0') % 10;
        }
        return check;
    }

    static String completeResidentId(String body17) {
        return complete(body17, DIGITS + "X", IndependentChecks::residentIdChecks);
    }

    static String completeCreditCode(String body17) {
        return complete(body17, CREDIT_CODE_ALPHABET, IndependentChecks::creditCodeChecks);
    }

    static String completeOrganizationCode(String body8) {
        return complete(body8, DIGITS + "X", IndependentChecks::organizationCodeChecks);
    }

    static String completeRegistrationNumber(String body14) {
        return complete(body14, DIGITS, IndependentChecks::registrationNumberChecks);
    }

    /** Brute force over every candidate check character; a sound scheme admits exactly one. */
    private static String complete(String body, String candidates, Predicate<String> check) {
        String[] valid = IntStream.range(0, candidates.length())
                .mapToObj(i -> body + candidates.charAt(i))
                .filter(check)
                .toArray(String[]::new);
        if (valid.length != 1) {
            throw new AssertionError(body + " has " + valid.length + " valid check characters, expected exactly 1");
        }
        return valid[0];
    }
}
