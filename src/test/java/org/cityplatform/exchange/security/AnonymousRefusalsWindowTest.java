package org.cityplatform.exchange.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one-minute windows that bound the audit events of unauthenticated refusals. */
class AnonymousRefusalsWindowTest {

    private final AtomicLong now = new AtomicLong(1_000 * 60_000L);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private AnonymousRefusals refusals(int perAddress, int perMinute, int maxAddresses) {
        return new AnonymousRefusals(perAddress, perMinute, maxAddresses, false, registry, now::get);
    }

    private static long admitted(AnonymousRefusals refusals, String address, int times) {
        return IntStream.range(0, times).filter(i -> refusals.admit(address)).count();
    }

    @Test
    void anAddressWritesAtMostItsLimitAMinuteAndTheRestIsCounted() {
        AnonymousRefusals refusals = refusals(3, 100, 10);
        assertEquals(3, admitted(refusals, "a", 50));
        assertEquals(47, registry.counter("exchange.audit.refusals.unwritten").count());
        now.addAndGet(59_000 - now.get() % 60_000);
        assertFalse(refusals.admit("a"), "still the same minute");
        now.addAndGet(1_000);
        assertTrue(refusals.admit("a"), "a new minute, a new allowance");
    }

    @Test
    void allAddressesTogetherWriteAtMostTheOverallLimit() {
        AnonymousRefusals refusals = refusals(3, 10, 1000);
        long written = IntStream.range(0, 100).filter(i -> refusals.admit("10.0.0." + i)).count();
        assertEquals(10, written);
    }

    @Test
    void theTableHoldsNoMoreThanItsAddressesAndEmptiesEveryMinute() {
        AnonymousRefusals refusals = refusals(1, 1_000_000, 50);
        IntStream.range(0, 500).forEach(i -> refusals.admit("10.0." + i / 256 + "." + i % 256));
        assertEquals(50, refusals.tracked());
        now.addAndGet(60_000);
        refusals.roll();
        assertEquals(0, refusals.tracked());
    }
}
