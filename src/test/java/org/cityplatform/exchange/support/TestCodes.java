package org.cityplatform.exchange.support;

import java.util.concurrent.atomic.AtomicLong;
import org.cityplatform.exchange.identity.UnifiedSocialCreditCode;

/**
 * Fresh, valid unified social credit codes, so that every test registers agencies of its own in the
 * shared test database and no test depends on another's data.
 */
public final class TestCodes {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private TestCodes() {
    }

    public static String creditCode() {
        String body = "91310000" + String.format("%09d", NEXT.incrementAndGet() % 1_000_000_000L);
        for (char c : ALPHABET.toCharArray()) {
            if (UnifiedSocialCreditCode.isValid(body + c)) {
                return body + c;
            }
        }
        throw new IllegalStateException("no check character for " + body);
    }

    private static final AtomicLong DATASETS = new AtomicLong(System.nanoTime() % 1_000_000L);

    public static String datasetCode(String prefix) {
        return prefix + "-" + DATASETS.incrementAndGet();
    }
}
