package org.cityplatform.exchange.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The segment files of one chain's journal. A segment is named by the sequence number of its first
 * event and a generation: after a failed write the journal goes on in a new segment, and a later
 * segment supersedes an earlier one from its first sequence number on, so what a failed write may
 * have left behind is never read.
 */
final class JournalSegments {

    /** A zero-filled file waiting to become a segment: never read, deleted when left over. */
    static final String PREPARED_PREFIX = "prepared-";

    private static final Pattern NAME = Pattern.compile("(\\d{19})-(\\d{6})\\.journal");

    record Segment(Path file, long firstSeq, int generation) {
    }

    private JournalSegments() {
    }

    /** Deletes prepared files an earlier run left: they hold no events. */
    static void deletePrepared(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(PREPARED_PREFIX)).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    static String name(long firstSeq, int generation) {
        return String.format("%019d-%06d.journal", firstSeq, generation);
    }

    static List<Segment> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Segment> segments = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(file -> {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches()) {
                    segments.add(new Segment(file, Long.parseLong(m.group(1)), Integer.parseInt(m.group(2))));
                }
            });
        }
        segments.sort(Comparator.comparingLong(Segment::firstSeq).thenComparingInt(Segment::generation));
        return segments;
    }

    /**
     * The length of the segment's readable part: up to the first record whose length or checksum
     * is wrong, which only a write cut short by a crash leaves behind.
     */
    static long intactLength(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(JournalCodec.HEADER_BYTES);
            while (position + JournalCodec.HEADER_BYTES <= size) {
                header.clear();
                channel.read(header, position);
                int length = header.getInt(0);
                if (length <= 0 || length > JournalCodec.MAX_PAYLOAD || position + JournalCodec.HEADER_BYTES + length > size) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                channel.read(payload, position + JournalCodec.HEADER_BYTES);
                payload.flip();
                if (!JournalCodec.intact(payload, header.getInt(4))) {
                    break;
                }
                position += JournalCodec.HEADER_BYTES + length;
            }
            return position;
        }
    }

    /** Cuts a torn tail off the chain's newest segment; the bytes cut. */
    static long cutTornTail(Path dir) throws IOException {
        List<Segment> segments = list(dir);
        if (segments.isEmpty()) {
            return 0;
        }
        Path last = segments.get(segments.size() - 1).file();
        long intact = intactLength(last);
        long size = Files.size(last);
        if (intact < size) {
            try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE)) {
                channel.truncate(intact);
                channel.force(true);
            }
        }
        return size - intact;
    }
}
