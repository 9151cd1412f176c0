package org.cityplatform.exchange.identity;

/**
 * A weighted-sum check seen as a linear code: a change to a valid key goes unnoticed exactly when every changed
 * character is allowed where it now stands and the weighted change is a multiple of the modulus. This decides
 * detectability from the error alone, without running any validator.
 */
record LinearCheck(int modulus, int[] weights, CharValue value) {

    /** Value of {@code c} at a (0-based) position, or -1 where that character is not allowed. */
    interface CharValue {
        int at(int position, char c);
    }

    boolean undetectable(Mutations.Mutant mutant) {
        String before = mutant.original();
        String after = mutant.text();
        long change = 0;
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) != after.charAt(i)) {
                int newValue = value.at(i, after.charAt(i));
                if (newValue < 0) {
                    return false;
                }
                change += (long) weights[i] * (newValue - value.at(i, before.charAt(i)));
            }
        }
        return Math.floorMod(change, modulus) == 0;
    }
}
