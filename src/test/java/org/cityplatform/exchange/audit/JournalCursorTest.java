package org.cityplatform.exchange.audit;

import static org.cityplatform.exchange.audit.SampleChain.append;
import static org.cityplatform.exchange.audit.SampleChain.record;
import static org.cityplatform.exchange.audit.SampleChain.records;
import static org.cityplatform.exchange.audit.SampleChain.segment;
import static org.cityplatform.exchange.audit.SampleChain.seqs;
import static org.cityplatform.exchange.audit.SampleChain.subject;
import static org.cityplatform.exchange.audit.SampleChain.subjects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalCursorTest {

    private static final long ALL = Long.MAX_VALUE;
    private static final int MANY = 1000;

    @TempDir
    Path dir;

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void readsEveryEventInChainOrderAcrossSegments() throws IOException {
        segment(dir, 1, 0, records(1, 3, "a"));
        segment(dir, 4, 1, records(4, 6, "a"));

        assertEquals(range(1, 6), seqs(new JournalCursor(dir, 0).next(ALL, MANY)));
    }

    @Test
    void givesAtMostMaxEventsACallAndContinuesWhereItStopped() throws IOException {
        segment(dir, 1, 0, records(1, 5, "a"));
        JournalCursor cursor = new JournalCursor(dir, 0);

        assertEquals(range(1, 2), seqs(cursor.next(ALL, 2)));
        assertEquals(range(3, 4), seqs(cursor.next(ALL, 2)));
        assertEquals(range(5, 5), seqs(cursor.next(ALL, 2)));
        assertEquals(List.of(), cursor.next(ALL, 2));
    }

    @Test
    void givesAtMostAboutMaxBytesACallButAlwaysOneEvent() throws IOException {
        segment(dir, 1, 0, records(1, 5, "a"));
        int each = record(1, "a").length;
        JournalCursor cursor = new JournalCursor(dir, 0);

        assertEquals(range(1, 2), seqs(cursor.next(ALL, MANY, 2L * each, null)), "two records' bytes: two events");
        assertEquals(range(3, 3), seqs(cursor.next(ALL, MANY, 1, null)), "fewer bytes than one record: still one");
        assertEquals(range(4, 5), seqs(cursor.next(ALL, MANY, ALL, null)));
    }

    @Test
    void stopsAtWhatIsDurableAndResumesThereLater() throws IOException {
        segment(dir, 1, 0, records(1, 6, "a"));
        JournalCursor cursor = new JournalCursor(dir, 0);

        assertEquals(range(1, 3), seqs(cursor.next(3, MANY)));
        assertEquals(List.of(), cursor.next(3, MANY));
        assertEquals(range(4, 6), seqs(cursor.next(6, MANY)));
        assertEquals(6, cursor.lastSeq());
    }

    @Test
    void followsTheJournalIntoASegmentBegunAfterItReachedTheEnd() throws IOException {
        Path first = segment(dir, 1, 0, records(1, 2, "a"));
        JournalCursor cursor = new JournalCursor(dir, 0);
        assertEquals(range(1, 2), seqs(cursor.next(ALL, MANY)));

        append(first, records(3, 3, "a"));
        segment(dir, 4, 1, records(4, 5, "a"));

        assertEquals(range(3, 5), seqs(cursor.next(ALL, MANY)));
    }

    @Test
    void skipsWhatIsAtOrBelowItsStart() throws IOException {
        segment(dir, 1, 0, records(1, 3, "a"));
        segment(dir, 4, 1, records(4, 6, "a"));

        assertEquals(range(3, 6), seqs(new JournalCursor(dir, 2).next(ALL, MANY)));
        assertEquals(range(5, 6), seqs(new JournalCursor(dir, 4).next(ALL, MANY)));
        assertEquals(List.of(), new JournalCursor(dir, 6).next(ALL, MANY));
    }

    @Test
    void aSegmentBegunAgainAtTheSameSeqHidesTheEarlierOneWhole() throws IOException {
        segment(dir, 4, 0, records(4, 6, "failed"));
        segment(dir, 4, 1, records(4, 5, "relinked"));

        List<JournaledEvent> read = new JournalCursor(dir, 3).next(ALL, MANY);

        assertEquals(List.of(subject(4, "relinked"), subject(5, "relinked")), subjects(read));
    }

    @Test
    void aSegmentBegunFromALowerSeqHidesTheSupersededTailOnly() throws IOException {
        segment(dir, 1, 0, records(1, 3, "kept"), records(4, 6, "failed"));
        segment(dir, 4, 1, records(4, 5, "relinked"));

        List<JournaledEvent> read = new JournalCursor(dir, 0).next(ALL, MANY);

        assertEquals(List.of(subject(1, "kept"), subject(2, "kept"), subject(3, "kept"), subject(4, "relinked"),
                subject(5, "relinked")), subjects(read));
    }

    @Test
    void aFailedWriteSupersededWhileTheCursorWaitsAtItIsNeverRead() throws IOException {
        // 4..6 reached the file but never became durable: the journal goes on in a new segment.
        segment(dir, 1, 0, records(1, 3, "kept"), records(4, 6, "failed"));
        JournalCursor cursor = new JournalCursor(dir, 0);
        assertEquals(range(1, 3), seqs(cursor.next(3, MANY)));

        segment(dir, 4, 1, records(4, 4, "relinked"));

        assertEquals(List.of(subject(4, "relinked")), subjects(cursor.next(4, MANY)));
    }

    @Test
    void aTailCutMidRecordEndsReadingWithoutError() throws IOException {
        byte[] whole = records(1, 3, "a");
        Path file = segment(dir, 1, 0, Arrays.copyOf(whole, whole.length - 5));
        JournalCursor cursor = new JournalCursor(dir, 0);

        assertEquals(range(1, 2), seqs(cursor.next(ALL, MANY)));
        assertEquals(List.of(), cursor.next(ALL, MANY));
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void garbageAfterTheLastRecordEndsReadingAndHidesWhatFollowsIt() throws IOException {
        byte[] garbage = ByteBuffer.allocate(24).putInt(16).putInt(0xdeadbeef).put("sixteen bytes...".getBytes(
                StandardCharsets.US_ASCII)).array();
        segment(dir, 1, 0, records(1, 3, "a"), garbage, record(4, "a"));
        JournalCursor cursor = new JournalCursor(dir, 0);

        assertEquals(range(1, 3), seqs(cursor.next(ALL, MANY)));
        assertEquals(List.of(), cursor.next(ALL, MANY));
    }

    @Test
    void zerosAfterTheLastRecordAreTheEndOfWhatWasWritten() throws IOException {
        segment(dir, 1, 0, records(1, 3, "a"), new byte[4096]);

        assertEquals(range(1, 3), seqs(new JournalCursor(dir, 0).next(ALL, MANY)));
    }

    @Test
    void aRecordPartlyWrittenIsReturnedOnceTheRestArrives() throws IOException {
        byte[] third = record(3, "a");
        int half = third.length / 2;
        Path file = segment(dir, 1, 0, records(1, 2, "a"), Arrays.copyOf(third, half));
        JournalCursor cursor = new JournalCursor(dir, 0);
        assertEquals(range(1, 2), seqs(cursor.next(ALL, MANY)));
        assertEquals(List.of(), cursor.next(ALL, MANY));

        append(file, Arrays.copyOfRange(third, half, third.length));

        assertEquals(range(3, 3), seqs(cursor.next(ALL, MANY)));
    }

    @Test
    void aGapInTheSequenceIsReportedNeverSkipped() throws IOException {
        segment(dir, 1, 0, records(1, 3, "a"));
        segment(dir, 5, 1, records(5, 6, "a"));
        JournalCursor cursor = new JournalCursor(dir, 0);

        IOException gap = assertThrows(IOException.class, () -> cursor.next(ALL, MANY));

        assertTrue(gap.getMessage().contains("skips from event 3 to 5"), gap.getMessage());
    }
}
