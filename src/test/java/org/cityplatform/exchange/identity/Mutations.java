package org.cityplatform.exchange.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** The two typing errors a check character exists to catch: one wrong character, two neighbours swapped. */
final class Mutations {

    record Mutant(String original, String text, String description) {
        @Override
        public String toString() {
            return description;
        }
    }

    private Mutations() {
    }

    /** Every key that differs from {@code key} in exactly one position, using the characters allowed there. */
    static List<Mutant> substitutions(String key, IntFunction<String> alphabetAt) {
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < key.length(); i++) {
            String alphabet = alphabetAt.apply(i);
            for (int j = 0; j < alphabet.length(); j++) {
                char replacement = alphabet.charAt(j);
                if (replacement != key.charAt(i)) {
                    String text = key.substring(0, i) + replacement + key.substring(i + 1);
                    out.add(new Mutant(key, text, key + ": position " + (i + 1) + " '" + key.charAt(i) + "' -> '"
                            + replacement + "' gives " + text));
                }
            }
        }
        return out;
    }

    /** Every swap of two adjacent, different characters. */
    static List<Mutant> adjacentTranspositions(String key) {
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i + 1 < key.length(); i++) {
            char a = key.charAt(i);
            char b = key.charAt(i + 1);
            if (a != b) {
                String text = key.substring(0, i) + b + a + key.substring(i + 2);
                out.add(new Mutant(key, text, key + ": positions " + (i + 1) + "-" + (i + 2) + " swapped gives "
                        + text));
            }
        }
        return out;
    }
}
