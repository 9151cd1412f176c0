package org.cityplatform.exchange.opendata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.cityplatform.exchange.infra.ClientAddress;

/** The per-address limits of open data (Art. 23, 25), on a clock the test moves. */
class ClientLimitsTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final ClientLimits limits = new ClientLimits(60, 10, 2, 3, 600 * SECOND, now::get);

    @Test
    void aBurstUpToTheMinutesAllowanceThenOneRequestPerRefilledToken() {
        for (int i = 0; i < 60; i++) {
            assertEquals(0, limits.request("a"), "request " + i);
        }
        assertEquals(1, limits.request("a"), "one token a second: retry after 1 s");
        now.addAndGet(SECOND);
        assertEquals(0, limits.request("a"));
        assertEquals(0, limits.request("b"), "addresses are metered apart");
    }

    @Test
    void atMostTwoExportsRunAtOnceAndAReleasedSlotIsFreeAgain() {
        ClientLimits.Admission first = limits.export("a");
        ClientLimits.Admission second = limits.export("a");
        assertTrue(first.admitted() && second.admitted());
        ClientLimits.Admission third = limits.export("a");
        assertFalse(third.admitted());
        assertEquals(ClientLimits.BUSY_RETRY_SECONDS, third.retryAfterSeconds());
        first.release().run();
        first.release().run(); // released twice counts once
        assertTrue(limits.export("a").admitted());
        assertFalse(limits.export("a").admitted());
    }

    @Test
    void exportsAMinuteAreCountedEvenWhenEachEnds() {
        for (int i = 0; i < 10; i++) {
            ClientLimits.Admission a = limits.export("a");
            assertTrue(a.admitted(), "export " + i);
            a.release().run();
        }
        ClientLimits.Admission refused = limits.export("a");
        assertFalse(refused.admitted());
        assertEquals(6, refused.retryAfterSeconds(), "ten a minute: one every 6 s");
    }

    @Test
    void theTableForgetsIdleAddressesAndStaysBounded() {
        limits.request("a");
        limits.request("b");
        limits.request("c");
        limits.request("d");
        assertEquals(3, limits.tracked(), "the least recently seen address is forgotten past the bound");
        ClientLimits.Admission running = limits.export("d");
        now.addAndGet(601 * SECOND);
        limits.forgetIdle();
        assertEquals(1, limits.tracked(), "an address with a running export is kept");
        running.release().run();
        now.addAndGet(601 * SECOND);
        limits.forgetIdle();
        assertEquals(0, limits.tracked());
    }

    @Test
    void forwardedForIsTrustedOnlyWhenConfigured() {
        assertEquals("10.1.1.1", ClientAddress.of("10.1.1.1", "203.0.113.7", false));
        assertEquals("203.0.113.7", ClientAddress.of("10.1.1.1", "203.0.113.7", true));
        assertEquals("10.1.1.1", ClientAddress.of("10.1.1.1", "<script>", true));
        assertEquals("10.1.1.1", ClientAddress.of("10.1.1.1", null, true));
    }

    @Test
    void behindOneProxyTheEntryItAppendedCountsAndWhatTheClientWroteBeforeItDoesNot() {
        // A client that sends its own X-Forwarded-For to a proxy that appends what it saw.
        assertEquals("198.51.100.4", ClientAddress.of("10.0.0.9", "203.0.113.7, 198.51.100.4", true));
        assertEquals("198.51.100.4", ClientAddress.of("10.0.0.9", "1.2.3.4,198.51.100.4", true));
        assertEquals("2001:db8::4", ClientAddress.of("10.0.0.9", "203.0.113.7, 2001:db8::4", true));
        // A proxy that writes no address of its own leaves nothing to trust: the TCP peer counts.
        assertEquals("10.0.0.9", ClientAddress.of("10.0.0.9", "203.0.113.7, ", true));
    }
}
