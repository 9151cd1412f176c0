package org.cityplatform.exchange.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The request limit per agency and second: shared through Redis, counted per instance when Redis fails. */
class RequestWindowsTest {

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

    /** Redis as a map of counters that several instances share; can be broken. */
    private static final class FakeRedis implements RequestWindows.SharedCounts {
        final Map<String, Long> counts = new HashMap<>();
        boolean down;
        int calls;

        @Override
        public Uni<List<Long>> add(List<String> keys, List<Long> deltas) {
            calls++;
            if (down) {
                return Uni.createFrom().failure(new RuntimeException("Connection refused"));
            }
            List<Long> totals = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                totals.add(counts.merge(keys.get(i), deltas.get(i), Long::sum));
            }
            return Uni.createFrom().item(totals);
        }
    }

    private RequestWindows instance(FakeRedis redis) {
        return new RequestWindows(redis, clock::get, Duration.ofMillis(100));
    }

    private static int admitted(RequestWindows windows, String agency, int perSecond, int tries) {
        int admitted = 0;
        for (int i = 0; i < tries; i++) {
            if (windows.admit(agency, perSecond) == 0) {
                admitted++;
            }
        }
        return admitted;
    }

    @Test
    void oneInstanceAdmitsExactlyTheQuotaInASecondAndRefusesUntilTheNextOne() {
        RequestWindows windows = instance(new FakeRedis());
        assertEquals(3, admitted(windows, "A", 5, 3));
        windows.sync();
        assertEquals(2, admitted(windows, "A", 5, 10));
        assertEquals(1, windows.admit("A", 5), "Retry-After: the next window");
        clock.addAndGet(1000);
        assertEquals(5, admitted(windows, "A", 5, 10));
    }

    @Test
    void agenciesHaveWindowsOfTheirOwn() {
        RequestWindows windows = instance(new FakeRedis());
        assertEquals(3, admitted(windows, "A", 3, 10));
        assertEquals(3, admitted(windows, "B", 3, 10));
    }

    @Test
    void instancesShareTheQuotaThroughRedis() {
        FakeRedis redis = new FakeRedis();
        RequestWindows one = instance(redis);
        RequestWindows two = instance(redis);
        assertEquals(6, admitted(one, "A", 10, 6));
        one.sync();
        assertEquals(4, admitted(two, "A", 10, 4));
        two.sync(); // learns 10 in total
        assertEquals(0, admitted(two, "A", 10, 5));
        one.sync();
        assertEquals(4, admitted(one, "A", 10, 5), "one has not seen two's increments yet: the precision trade-off");
        one.sync(); // now it has
        assertEquals(0, admitted(one, "A", 10, 5));
        assertEquals(14L, redis.counts.get(RequestWindows.key("A", clock.get() / 1000)));
    }

    @Test
    void redisDownFallsBackToTheWholeQuotaPerInstanceAndNeverRefusesBelowIt() {
        FakeRedis redis = new FakeRedis();
        RequestWindows one = instance(redis);
        RequestWindows two = instance(redis);
        assertEquals(4, admitted(two, "A", 10, 4));
        two.sync();
        redis.down = true;
        clock.addAndGet(1000);
        assertEquals(3, admitted(one, "A", 10, 3));
        one.sync();
        assertFalse(one.shared(), "Redis failed: counted here only");
        // Each instance now enforces the quota on its own count: 10 more here, whatever the others do.
        assertEquals(7, admitted(one, "A", 10, 20));
        assertEquals(10, admitted(two, "A", 10, 20));

        redis.down = false;
        clock.addAndGet(1000);
        assertEquals(1, admitted(one, "A", 10, 1));
        one.sync();
        assertTrue(one.shared(), "shared again once Redis answers");
    }

    @Test
    void aSlowRedisCountsAsAFailedOne() {
        RequestWindows windows = new RequestWindows((keys, deltas) -> Uni.createFrom().nothing(), clock::get,
                Duration.ofMillis(20));
        assertEquals(1, admitted(windows, "A", 10, 1));
        windows.sync();
        long deadline = System.currentTimeMillis() + 2000;
        while (windows.shared() && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(windows.shared());
        assertEquals(9, admitted(windows, "A", 10, 20));
    }

    @Test
    void nothingIsSentWhenNothingWasAdmittedAndIdleAgenciesAreForgotten() {
        FakeRedis redis = new FakeRedis();
        RequestWindows windows = instance(redis);
        windows.sync();
        assertEquals(0, redis.calls);
        admitted(windows, "A", 10, 1);
        windows.sync();
        windows.sync();
        assertEquals(1, redis.calls);
        clock.addAndGet((RequestWindows.STALE_SECONDS + 2) * 1000);
        windows.sync();
        assertEquals(0, windows.tracked());
    }
}
