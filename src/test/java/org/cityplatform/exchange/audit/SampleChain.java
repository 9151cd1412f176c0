package org.cityplatform.exchange.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A test chain's events, encoded as its lane encodes them, and segment files written by hand the
 * way a roll, a failed write or a crash leaves them. Each event's subject says which seq and which
 * attempt (its tag) wrote it, so a test sees which copy of a superseded event it was given.
 */
final class SampleChain {

    static final String CHAIN = "test-instance/0";

    private SampleChain() {
    }

    static AuditEvent event(long seq, String tag) {
        return new AuditEvent(Instant.parse("2026-11-29T08:00:00Z").plusSeconds(seq), "agency-a", "clerk-1",
                AuditAction.READ, "residents", subject(seq, tag), null, null, null, AuditOutcome.OK, null,
                "request-" + seq, null);
    }

    static String subject(long seq, String tag) {
        return tag + "-" + String.format("%06d", seq);
    }

    /** One record; its hash does not matter to the cursor, so it links each event to the genesis. */
    static byte[] record(long seq, String tag) {
        AuditEvent event = event(seq, tag);
        byte[] hash = AuditChain.link(AuditChain.genesis(CHAIN), CHAIN, seq, event);
        return JournalCodec.encode(CHAIN, new JournaledEvent(seq, hash, 0, event));
    }

    static List<byte[]> recordList(long from, long to, String tag) {
        List<byte[]> records = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            records.add(record(seq, tag));
        }
        return records;
    }

    static byte[] records(long from, long to, String tag) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        recordList(from, to, tag).forEach(out::writeBytes);
        return out.toByteArray();
    }

    static Path segment(Path dir, long firstSeq, int generation, byte[]... contents) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(JournalSegments.name(firstSeq, generation));
        Files.write(file, new byte[0]);
        for (byte[] content : contents) {
            append(file, content);
        }
        return file;
    }

    static void append(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    static List<Long> seqs(List<JournaledEvent> events) {
        return events.stream().map(JournaledEvent::seq).toList();
    }

    static List<String> subjects(List<JournaledEvent> events) {
        return events.stream().map(e -> e.event().subject()).toList();
    }
}
