package org.cityplatform.exchange.audit;

import static org.cityplatform.exchange.audit.SampleChain.CHAIN;
import static org.cityplatform.exchange.audit.SampleChain.record;
import static org.cityplatform.exchange.audit.SampleChain.recordList;
import static org.cityplatform.exchange.audit.SampleChain.records;
import static org.cityplatform.exchange.audit.SampleChain.segment;
import static org.cityplatform.exchange.audit.SampleChain.seqs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditJournalTest {

    private static final long PLENTY = 64L << 20;

    @TempDir
    Path root;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AuditJournals> opened = new ArrayList<>();
    private AuditJournals journals;
    private AuditJournal journal;

    private AuditJournals journals(long maxBytes, long segmentBytes) {
        AuditJournals made = new AuditJournals(new JournalTestSettings(root.resolve("journal"), maxBytes, segmentBytes),
                registry);
        opened.add(made);
        return made;
    }

    private void openJournal(long maxBytes, long segmentBytes) {
        journals = journals(maxBytes, segmentBytes);
        journal = journals.journalOf(CHAIN);
    }

    @AfterEach
    void close() {
        if (journal != null) {
            journal.close();
        }
        opened.forEach(AuditJournals::close);
    }

    private Future<Void> append(long seq) {
        return journal.append(seq, seq, recordList(seq, seq, "a"));
    }

    private static void await(Future<Void> appended) throws Exception {
        appended.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(Future<Void> appended) {
        return assertThrows(ExecutionException.class, () -> await(appended)).getCause();
    }

    private List<Long> onDisk() throws IOException {
        return seqs(new JournalCursor(journal.dir(), 0).next(Long.MAX_VALUE, 100_000));
    }

    private long syncs() {
        return registry.get("exchange.audit.journal.sync").timer().count();
    }

    @Test
    void anAppendCompletesOnceItsEventsAreOnDiskAndDurableSeqMovesPastThem() throws Exception {
        openJournal(PLENTY, PLENTY / 4);
        assertEquals(0, journal.durableSeq());

        await(journal.append(1, 3, recordList(1, 3, "a")));
        assertEquals(3, journal.durableSeq());
        await(append(4));

        assertEquals(4, journal.durableSeq());
        assertEquals(List.of(1L, 2L, 3L, 4L), onDisk());
        assertEquals(records(1, 4, "a").length, journals.usedBytes());
    }

    @Test
    void appendsThatWaitTogetherAreWrittenAsOneGroupWithOneSync() throws Exception {
        openJournal(PLENTY, PLENTY / 4);
        int threads = 8;
        int each = 200;
        List<byte[]> records = recordList(1, threads * each, "a");
        List<Future<Void>> appended = Collections.synchronizedList(new ArrayList<>());
        long[] nextSeq = {1};
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            callers.submit(() -> {
                for (int i = 0; i < each; i++) {
                    // As a lane does: each append is linked right after the one before it.
                    synchronized (nextSeq) {
                        long seq = nextSeq[0]++;
                        appended.add(journal.append(seq, seq, List.of(records.get((int) seq - 1))));
                    }
                }
            });
        }
        callers.shutdown();
        assertTrue(callers.awaitTermination(10, TimeUnit.SECONDS));
        for (Future<Void> one : appended) {
            await(one);
        }

        assertEquals(threads * each, journal.durableSeq());
        assertTrue(syncs() < threads * each, syncs() + " syncs for " + threads * each + " appends");
        assertEquals(LongStream.rangeClosed(1, threads * each).boxed().toList(), onDisk());
    }

    @Test
    void anAppendThatDoesNotContinueWhereTheDurablePartEndsIsRefused() throws Exception {
        openJournal(PLENTY, PLENTY / 4);
        await(append(1));

        Throwable refused = failureOf(journal.append(3, 3, recordList(3, 3, "a")));

        assertInstanceOf(IOException.class, refused);
        assertTrue(refused.getMessage().contains("out of sequence"), refused.getMessage());
        assertEquals(1, journal.durableSeq());
        await(append(2));
        assertEquals(List.of(1L, 2L), onDisk());
    }

    @Test
    void aFullJournalRefusesAppendsUntilShippedSegmentsAreDeleted() throws Exception {
        long size = record(1, "a").length; // the same for every single-digit seq
        openJournal(7 * size, 3 * size);
        for (long seq = 1; seq <= 7; seq++) {
            await(append(seq));
        }
        assertEquals(3, JournalSegments.list(journal.dir()).size(), "segments of events 1-3, 4-6 and 7");

        assertInstanceOf(AuditJournal.JournalFullException.class, failureOf(append(8)));
        assertEquals(7, journal.durableSeq());
        assertEquals(7 * size, journals.usedBytes());

        journals.deleteShipped(journal.dir(), 5, journal.currentSegment());
        assertEquals(4 * size, journals.usedBytes(), "only the segment wholly shipped is deleted");

        await(append(8));
        assertEquals(8, journal.durableSeq());
        assertEquals(List.of(4L, 5L, 6L, 7L, 8L), seqs(new JournalCursor(journal.dir(), 3).next(Long.MAX_VALUE, 100)));
    }

    @Test
    void aPreallocatedSegmentIsZeroFilledAheadAndReadsToItsLastEventOnly() throws Exception {
        long segment = 64 * 1024;
        journals = new AuditJournals(new JournalTestSettings(root.resolve("journal"), 4 * segment, segment, true), registry);
        opened.add(journals);
        journal = journals.journalOf(CHAIN);
        long ready = System.currentTimeMillis() + 10_000;
        while (!journal.nextPrepared() && System.currentTimeMillis() < ready) {
            Thread.sleep(10); // prepared in the background from the journal's opening on
        }
        for (long seq = 1; seq <= 5; seq++) {
            await(append(seq));
        }
        List<JournalSegments.Segment> segments = JournalSegments.list(journal.dir());
        assertEquals(1, segments.size());
        assertEquals(segment, Files.size(segments.get(0).file()), "the segment was the full size before its first event");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), onDisk(), "the zeros after the last event end the reading");
        long deadline = System.currentTimeMillis() + 10_000;
        while (journals.usedBytes() < 2 * segment && System.currentTimeMillis() < deadline) {
            Thread.sleep(10); // the next segment is being prepared in the background
        }
        assertEquals(2 * segment, journals.usedBytes(), "the current and the next segment count in full");
    }

    @Test
    void openingCutsATornTailAndCountsWhatIsLeft() throws Exception {
        journals = journals(PLENTY, PLENTY / 4);
        Path chain = journals.dirOf(CHAIN);
        byte[] acknowledged = records(1, 3, "a");
        Path segment = segment(chain, 1, 0, acknowledged, Arrays.copyOf(record(4, "a"), 20));

        assertEquals(List.of(chain), journals.open());

        assertEquals(CHAIN, AuditJournals.chainOf(chain));
        assertEquals(acknowledged.length, Files.size(segment));
        assertEquals(acknowledged.length, journals.usedBytes());
        assertEquals(acknowledged.length, registry.get("exchange.audit.journal.bytes").gauge().value());
    }

    @Test
    void aJournalOfAnotherDatabaseIsSetAsideWholeAndNotShippedHere() throws Exception {
        journals = journals(PLENTY, PLENTY / 4);
        Path chain = journals.dirOf(CHAIN);
        byte[] acknowledged = records(1, 3, "a");
        segment(chain, 1, 0, acknowledged);
        assertEquals(List.of(chain), journals.open("database-a"), "the journal's own database ships it");
        journals.close();

        AuditJournals reopened = new AuditJournals(new JournalTestSettings(root.resolve("journal"), PLENTY, PLENTY / 4),
                new SimpleMeterRegistry());
        opened.add(reopened);
        assertEquals(List.of(), reopened.open("database-b"), "another database is given none of it");

        List<Path> aside;
        try (var siblings = Files.list(root)) {
            aside = siblings.filter(p -> p.getFileName().toString().startsWith("journal.database-databasea-")).toList();
        }
        assertEquals(1, aside.size(), "kept beside the journal for an operator: " + aside);
        assertArrayEquals(acknowledged, Files.readAllBytes(JournalSegments.list(aside.get(0).resolve(chain.getFileName()))
                .get(0).file()), "whole");
        assertEquals("database-b", Files.readString(root.resolve("journal").resolve(AuditJournals.DATABASE_FILE)).strip());
    }

    @Test
    void aSecondInstanceIsRefusedTheJournalDirectoryAndTheFirstKeepsItsLock() throws Exception {
        journals = journals(PLENTY, PLENTY / 4);
        journals.open();
        AuditJournals second = new AuditJournals(new JournalTestSettings(root.resolve("journal"), PLENTY, PLENTY / 4),
                new SimpleMeterRegistry());
        opened.add(second);

        IllegalStateException refused = assertThrows(IllegalStateException.class, second::open);

        assertTrue(refused.getMessage().contains("is in use by another process"), refused.getMessage());
        assertFalse(anotherProcessCanLock(root.resolve("journal").resolve("lock")),
                "the refusal must not loosen the first instance's hold on the directory");
        journals.close();
        assertEquals(List.of(), second.open(), "once the first lets go, the directory is free");
    }

    /** Whether a separate JVM takes the lock the way another instance on the same volume would. */
    private boolean anotherProcessCanLock(Path lockFile) throws Exception {
        Path probe = root.resolve("LockProbe.java");
        Files.writeString(probe, """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;

                class LockProbe {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                            System.exit(channel.tryLock() != null ? 0 : 1);
                        }
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, probe.toString(), lockFile.toString()).inheritIO().start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the lock probe did not finish");
        return process.exitValue() == 0;
    }

    @Test
    void aClosedJournalRefusesAppends() throws Exception {
        openJournal(PLENTY, PLENTY / 4);
        await(append(1));
        journal.close();

        assertTrue(failureOf(append(2)).getMessage().contains("closed"));
        assertEquals(List.of(1L), onDisk());
    }
}
