package org.cityplatform.exchange.support;

import java.time.LocalDate;

/** Valid, distinct resident identity numbers (GB 11643) for test records: n -> one key, always the same. */
public final class TestKeys {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final LocalDate FIRST = LocalDate.of(1950, 1, 1);

    private TestKeys() {
    }

    public static String person(long n) {
        LocalDate birth = FIRST.plusDays(n / 1000);
        String body = "310104" + birth.toString().replace("-", "") + String.format("%03d", n % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + CHECK.charAt(sum % 11);
    }
}
