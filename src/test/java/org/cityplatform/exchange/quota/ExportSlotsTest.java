package org.cityplatform.exchange.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Exports running at once per agency: shared through Redis, counted per instance when Redis fails. */
class ExportSlotsTest {

    private final AtomicLong clock = new AtomicLong();

    /** Redis as sets of running exports that several instances share; can be broken. */
    private static final class FakeRedis implements ExportSlots.SharedSlots {
        final Map<String, Set<String>> slots = new HashMap<>();
        boolean down;
        // When set, releases wait for this answer, as a slow Redis would make them.
        CompletableFuture<Void> releaseAnswer;

        @Override
        public Uni<Boolean> claim(String agency, String export, int cap) {
            if (down) {
                return Uni.createFrom().failure(new RuntimeException("Connection refused"));
            }
            Set<String> running = slots.computeIfAbsent(agency, a -> new HashSet<>());
            return Uni.createFrom().item(running.size() < cap && running.add(export));
        }

        @Override
        public Uni<Void> release(String agency, String export) {
            if (down) {
                return Uni.createFrom().failure(new RuntimeException("Connection refused"));
            }
            if (releaseAnswer != null) {
                return Uni.createFrom().completionStage(releaseAnswer)
                        .invoke(() -> slots.getOrDefault(agency, new HashSet<>()).remove(export));
            }
            slots.getOrDefault(agency, new HashSet<>()).remove(export);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> renew(Map<String, List<String>> exportsByAgency) {
            return Uni.createFrom().voidItem();
        }
    }

    private ExportSlots instance(FakeRedis redis) {
        return new ExportSlots(redis, Duration.ofMillis(100), Duration.ofSeconds(1), clock::get);
    }

    private static ExportSlots.Slot claim(ExportSlots slots, String agency, int cap) {
        return slots.claim(agency, cap).await().atMost(Duration.ofSeconds(1));
    }

    @Test
    void theCapHoldsAcrossInstancesAndAReleasedSlotIsFreeAgain() {
        FakeRedis redis = new FakeRedis();
        ExportSlots one = instance(redis);
        ExportSlots two = instance(redis);
        ExportSlots.Slot first = claim(one, "A", 2);
        assertNotNull(first);
        assertNotNull(claim(two, "A", 2));
        assertNull(claim(one, "A", 2), "two exports of A run, on two instances");
        assertNotNull(claim(one, "B", 2), "another agency has its own cap");
        first.release();
        first.release();
        assertNotNull(claim(two, "A", 2));
        assertNull(claim(two, "A", 2));
    }

    @Test
    void redisDownFallsBackToTheCapPerInstanceAndNeverRefusesBelowIt() {
        FakeRedis redis = new FakeRedis();
        ExportSlots one = instance(redis);
        ExportSlots two = instance(redis);
        assertNotNull(claim(two, "A", 1));
        redis.down = true;
        ExportSlots.Slot here = claim(one, "A", 1);
        assertNotNull(here, "nothing runs on this instance: admitted although Redis cannot say");
        assertNull(claim(one, "A", 1), "the cap still holds on this instance");
        here.release();
        assertEquals(0, one.runningHere("A"));
        assertNotNull(claim(one, "A", 1));
    }

    @Test
    void afterAFailureRedisIsSkippedForTheBackoffThenAskedAgain() {
        FakeRedis redis = new FakeRedis();
        ExportSlots slots = instance(redis);
        redis.down = true;
        ExportSlots.Slot local = claim(slots, "A", 5);
        redis.down = false;
        claim(slots, "A", 5);
        assertEquals(Set.of(), redis.slots.getOrDefault("A", Set.of()), "within the backoff, Redis is not asked");
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        claim(slots, "A", 5);
        assertEquals(1, redis.slots.get("A").size());
        local.release();
    }

    @Test
    void aReleaseCompletesOnlyOnceRedisHasTheSlotBackSoTheNextExportFindsItFree() {
        FakeRedis redis = new FakeRedis();
        ExportSlots slots = instance(redis);
        ExportSlots.Slot running = claim(slots, "A", 1);
        redis.releaseAnswer = new CompletableFuture<>();
        CompletableFuture<Void> released = running.release().toCompletionStage().toCompletableFuture();
        assertFalse(released.isDone(), "Redis has not answered: the export's end must not leave yet");
        redis.releaseAnswer.complete(null);
        released.join();
        assertNotNull(claim(slots, "A", 1), "once the release completed, the agency's next export is admitted");
        assertTrue(running.release().toCompletionStage().toCompletableFuture().isDone(), "a second release is done at once");
    }

    @Test
    void aReleaseRedisNeverAnswersCompletesAfterTheTimeoutAndTheLeaseEndsTheSlot() {
        FakeRedis redis = new FakeRedis();
        ExportSlots slots = instance(redis);
        ExportSlots.Slot running = claim(slots, "A", 1);
        redis.releaseAnswer = new CompletableFuture<>();
        CompletableFuture<Void> released = running.release().toCompletionStage().toCompletableFuture();
        released.orTimeout(2, TimeUnit.SECONDS).join();
        assertEquals(0, slots.runningHere("A"), "given back here at once; Redis's copy lapses with its lease");
    }
}
