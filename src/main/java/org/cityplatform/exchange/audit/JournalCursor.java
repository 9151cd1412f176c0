package org.cityplatform.exchange.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one chain's journal forward from a sequence number, as the shipper needs it: each event
 * once, in chain order, across segments, skipping what a later segment supersedes and stopping at
 * a torn tail. A gap in the sequence is damage, reported and never skipped.
 */
final class JournalCursor {

    private static final int CHUNK = 4 << 20;

    private final Path dir;
    private Path segment;
    private long position;
    private long lastSeq;
    private ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    private AuditJournal.Mark limit;
    private long budget;

    /** A cursor after {@code lastSeq}: the events up to it are already where they go. */
    JournalCursor(Path dir, long lastSeq) {
        this.dir = dir;
        this.lastSeq = lastSeq;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Up to {@code max} next events, none after {@code upTo} (what is durable); empty at the end. */
    List<JournaledEvent> next(long upTo, int max) throws IOException {
        return next(upTo, max, Long.MAX_VALUE, null);
    }

    /**
     * The same, no more than about {@code maxBytes} of records (at least one), reading the
     * journal's newest segment no further than {@code durable}: the rest of a preallocated segment
     * is zeros, and bytes being written are not to be read yet. The byte bound keeps a batch of
     * large events (a change page's keys, Art. 31) from becoming one huge statement.
     */
    List<JournaledEvent> next(long upTo, int max, long maxBytes, AuditJournal.Mark durable) throws IOException {
        limit = durable;
        budget = maxBytes;
        List<JournaledEvent> out = new ArrayList<>(Math.min(max, 4096));
        List<JournalSegments.Segment> segments = JournalSegments.list(dir);
        int index = indexOf(segments);
        while (out.size() < max && budget > 0 && index >= 0 && index < segments.size()) {
            JournalSegments.Segment current = segments.get(index);
            JournalSegments.Segment following = index + 1 < segments.size() ? segments.get(index + 1) : null;
            boolean segmentDone = read(current, following, upTo, max, out);
            if (!segmentDone || following == null) {
                break;
            }
            index++;
            segment = following.file();
            position = 0;
        }
        return out;
    }

    private int indexOf(List<JournalSegments.Segment> segments) {
        if (segments.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).file().equals(segment)) {
                return i;
            }
        }
        // First read, or the segment read last is gone: start at the first one that can hold lastSeq + 1.
        int start = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).firstSeq() <= lastSeq + 1) {
                start = i;
            }
        }
        segment = segments.get(start).file();
        position = 0;
        return start;
    }

    /** Reads the segment on; true when it has nothing more for this cursor (the next one takes over). */
    private boolean read(JournalSegments.Segment current, JournalSegments.Segment following, long upTo, int max,
                         List<JournaledEvent> out) throws IOException {
        try (FileChannel channel = FileChannel.open(current.file(), StandardOpenOption.READ)) {
            long end = limit != null && limit.segment().equals(current.file()) ? limit.bytes() : Long.MAX_VALUE;
            while (out.size() < max && budget > 0) {
                chunk.clear();
                if (end - position < chunk.capacity()) {
                    if (end <= position) {
                        return false;
                    }
                    chunk.limit((int) (end - position));
                }
                int read = channel.read(chunk, position);
                if (read <= 0) {
                    return true;
                }
                chunk.flip();
                int parsed = 0;
                boolean partial = false;
                while (out.size() < max && budget > 0) {
                    int start = parsed;
                    if (chunk.limit() - start < JournalCodec.HEADER_BYTES) {
                        partial = chunk.limit() > start;
                        break;
                    }
                    int length = chunk.getInt(start);
                    if (length <= 0 || length > JournalCodec.MAX_PAYLOAD) {
                        position += parsed;
                        return true; // a torn or abandoned tail: nothing readable after it here
                    }
                    if (chunk.limit() - start < JournalCodec.HEADER_BYTES + length) {
                        partial = true;
                        break;
                    }
                    ByteBuffer payload = chunk.slice(start + JournalCodec.HEADER_BYTES, length);
                    if (!JournalCodec.intact(payload, chunk.getInt(start + 4))) {
                        position += parsed;
                        return true;
                    }
                    JournaledEvent event = JournalCodec.decode(payload);
                    if ((following != null && event.seq() >= following.firstSeq()) || event.seq() > upTo) {
                        position += parsed;
                        return following != null && event.seq() >= following.firstSeq();
                    }
                    parsed = start + JournalCodec.HEADER_BYTES + length;
                    if (event.seq() <= lastSeq) {
                        continue;
                    }
                    if (event.seq() != lastSeq + 1) {
                        throw new IOException("audit journal " + dir + " skips from event " + lastSeq + " to "
                                + event.seq() + " in " + current.file().getFileName());
                    }
                    out.add(event);
                    budget -= JournalCodec.HEADER_BYTES + length;
                    lastSeq = event.seq();
                }
                position += parsed;
                if (partial && parsed == 0) {
                    if (read == chunk.limit() && chunk.limit() == chunk.capacity()) {
                        // A record longer than the buffer: read it again with room for it.
                        chunk = ByteBuffer.allocate(chunk.capacity() * 2);
                        continue;
                    }
                    // The file ends inside a record: a torn tail, or a write still under way.
                    return true;
                }
            }
            return false;
        }
    }
}
