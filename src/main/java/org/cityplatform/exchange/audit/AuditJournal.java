package org.cityplatform.exchange.audit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * One chain's journal on local disk (docs/architecture.md, "The audit trail"): the durable step of
 * every audit event. Its writer thread takes whatever appends wait, writes them with one write and
 * makes them durable with one {@code fdatasync}, then completes them all: group commit, paid once
 * per group instead of once per event.
 *
 * <p>An append must continue the chain exactly where the journal's durable part ends; after a
 * failed write, the appends linked after it are refused too, and the chain goes on, relinked by
 * its lane, in a new segment that supersedes what the failed write may have left.
 */
final class AuditJournal {

    private static final Logger LOG = Logger.getLogger(AuditJournal.class);

    /** How far the journal is durable: the newest segment and its bytes on disk. */
    record Mark(Path segment, long bytes) {
    }

    /** Appends waiting for the writer thread. */
    private record Append(long firstSeq, long lastSeq, List<byte[]> records, int bytes, Promise<Void> done) {
    }

    private final Path dir;
    private final AuditJournals journals;
    private final LinkedBlockingQueue<Append> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;
    private volatile long durableSeq;
    private volatile Mark mark;
    /** When each group became durable (its last seq, nanoTime): the age of what waits for shipping. */
    private final ConcurrentLinkedDeque<long[]> groups = new ConcurrentLinkedDeque<>();
    private static final int GROUPS_KEPT = 100_000;
    private final AtomicInteger groupsKept = new AtomicInteger();
    private FileChannel segment;
    /** The writer thread's buffer for a group's bytes. */
    private ByteBuffer out;
    private Path segmentFile;
    private long segmentBytes;
    /** The current segment's size on disk: preallocated, or what was written. */
    private long segmentCapacity;
    private int generation;
    /** A zero-filled, synced file ready to become the next segment; null while none is. */
    private volatile Path prepared;
    private final ExecutorService preparer;

    AuditJournal(Path dir, AuditJournals journals) throws IOException {
        this.dir = dir;
        this.journals = journals;
        Files.createDirectories(dir);
        for (JournalSegments.Segment s : JournalSegments.list(dir)) {
            generation = Math.max(generation, s.generation() + 1);
        }
        this.preparer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "audit-journal-prepare");
            thread.setDaemon(true);
            return thread;
        });
        prepareNext();
        this.writer = new Thread(this::write, "audit-journal-" + dir.getFileName());
        writer.setDaemon(true);
        writer.start();
    }

    Path dir() {
        return dir;
    }

    /** The last event on disk: the shipper reads no further. */
    long durableSeq() {
        return durableSeq;
    }

    /** Whether the next segment is ready, zero-filled and synced. */
    boolean nextPrepared() {
        return prepared != null;
    }

    /** Where what is durable ends; null before the first write. Read before {@link #durableSeq}. */
    Mark mark() {
        return mark;
    }

    /** Nanoseconds since the oldest event after {@code shippedSeq} became durable; 0 when none waits. */
    long unshippedAgeNanos(long shippedSeq) {
        long[] oldest;
        while ((oldest = groups.peekFirst()) != null && oldest[0] <= shippedSeq) {
            if (groups.pollFirst() != null) {
                groupsKept.decrementAndGet();
            }
        }
        return oldest == null ? 0 : System.nanoTime() - oldest[1];
    }

    /** The segment being written, which the shipper never deletes. */
    synchronized Path currentSegment() {
        return segmentFile;
    }

    /**
     * Appends events {@code firstSeq..lastSeq}, already encoded; completes once they are on disk
     * (on the journal's thread), fails when they cannot be written or the journal is full.
     */
    Future<Void> append(long firstSeq, long lastSeq, List<byte[]> records) {
        int bytes = 0;
        for (byte[] record : records) {
            bytes += record.length;
        }
        Promise<Void> done = Promise.promise();
        Append append = new Append(firstSeq, lastSeq, records, bytes, done);
        waiting.add(append);
        // Closed meanwhile, its writer gone: nobody will take it.
        if (closed && !writer.isAlive() && waiting.remove(append)) {
            done.tryFail(new IOException("the audit journal is closed"));
        }
        return done.future();
    }

    private void write() {
        List<Append> group = new ArrayList<>();
        while (!closed || !waiting.isEmpty()) {
            try {
                Append first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                long delay = journals.commitDelayNanos();
                if (delay > 0) {
                    LockSupport.parkNanos(delay);
                }
                group.add(first);
                waiting.drainTo(group);
                writeGroup(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void writeGroup(List<Append> group) {
        List<Append> accepted = new ArrayList<>(group.size());
        long next = durableSeq + 1;
        int bytes = 0;
        for (Append append : group) {
            if (append.firstSeq() != next) {
                // Linked after an append that failed: its lane relinks it from what is durable.
                append.done().fail(new IOException("audit journal append out of sequence"));
                continue;
            }
            accepted.add(append);
            next = append.lastSeq() + 1;
            bytes += append.bytes();
        }
        if (accepted.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        long growth = 0;
        try {
            if (segment == null || segmentBytes >= journals.segmentBytes()) {
                roll(accepted.get(0).firstSeq());
            }
            // Space beyond what the segment already holds on disk counts against the journal's size.
            growth = Math.max(0, segmentBytes + bytes - segmentCapacity);
            if (growth > 0 && !journals.reserve(growth)) {
                growth = 0;
                JournalFullException full = new JournalFullException();
                accepted.forEach(a -> a.done().fail(full));
                return;
            }
            ByteBuffer out = outgoing(bytes);
            for (Append append : accepted) {
                for (byte[] record : append.records()) {
                    out.put(record);
                }
            }
            out.flip();
            while (out.hasRemaining()) {
                segment.write(out);
            }
            // Into a preallocated file this syncs data only: no size or block map to record.
            segment.force(false);
            segmentBytes += bytes;
            segmentCapacity = Math.max(segmentCapacity, segmentBytes);
            mark = new Mark(segmentFile, segmentBytes);
            durableSeq = accepted.get(accepted.size() - 1).lastSeq();
            groups.addLast(new long[] {durableSeq, System.nanoTime()});
            // ConcurrentLinkedDeque.size() walks the deque: its length is counted here instead.
            if (groupsKept.incrementAndGet() > GROUPS_KEPT && groups.pollFirst() != null) {
                groupsKept.decrementAndGet(); // the age reads a little young beyond this backlog
            }
            journals.synced(System.nanoTime() - started);
            accepted.forEach(a -> a.done().complete());
        } catch (IOException | RuntimeException e) {
            // The growth stays counted: part of it may be in the abandoned segment until it is deleted.
            LOG.errorf("audit journal %s: %d events not written: %s", dir, accepted.size(), e.toString());
            abandonSegment();
            accepted.forEach(a -> a.done().fail(e));
        }
    }

    /*
     * One direct buffer, kept: a write from heap buffers has the JDK copy each of them into a
     * temporary direct buffer first, one copy per record on every group.
     */
    private ByteBuffer outgoing(int bytes) {
        if (out == null || out.capacity() < bytes) {
            out = ByteBuffer.allocateDirect(Math.max(bytes, 64 * 1024));
        }
        return out.clear();
    }

    private synchronized void roll(long firstSeq) throws IOException {
        if (segment != null) {
            segment.close();
        }
        segmentFile = dir.resolve(JournalSegments.name(firstSeq, generation++));
        Path ready = prepared;
        prepared = null;
        if (ready != null) {
            Files.move(ready, segmentFile, StandardCopyOption.ATOMIC_MOVE);
            segment = FileChannel.open(segmentFile, StandardOpenOption.WRITE);
            segmentCapacity = Files.size(segmentFile);
        } else {
            segment = FileChannel.open(segmentFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            segmentCapacity = 0;
        }
        segmentBytes = 0;
        // The new file's directory entry must survive a crash as well as its contents.
        journals.syncDirectory(dir);
        prepareNext();
    }

    /*
     * Zero-fills and syncs the next segment ahead of need: an fdatasync into allocated blocks
     * writes the data alone, while one that grows a file also writes its new size and blocks
     * (docs/decisions/0010). Zeros read as the end of what was written.
     */
    private void prepareNext() {
        if (closed || prepared != null || !journals.preallocate()) {
            return;
        }
        long size = journals.segmentBytes();
        if (!journals.reserve(size)) {
            return; // near the limit: the next segment grows as it is written
        }
        preparer.execute(() -> {
            Path file = dir.resolve(JournalSegments.PREPARED_PREFIX + System.nanoTime());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
                for (long written = 0; written < size; ) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), size - written));
                    written += channel.write(zeros, written);
                }
                channel.force(true);
                prepared = file;
            } catch (IOException | RuntimeException e) {
                journals.release(size);
                LOG.warnf("audit journal %s: next segment not prepared (it grows as written): %s", dir, e.toString());
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover is removed when the journal opens again
                }
            }
        });
    }

    /* After a failed write the segment's tail is unknown: the chain goes on in a new segment. */
    private synchronized void abandonSegment() {
        try {
            if (segment != null) {
                segment.close();
            }
        } catch (IOException ignored) {
            // it is left behind, superseded
        }
        segment = null;
    }

    /** Stops taking appends; what waits is still written. */
    void close() {
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
            preparer.shutdown();
            preparer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        abandonSegment();
        Path unused = prepared;
        prepared = null;
        if (unused != null) {
            try {
                journals.release(Files.size(unused));
                Files.deleteIfExists(unused);
            } catch (IOException e) {
                LOG.debugf("prepared segment %s left behind: %s", unused, e.getMessage());
            }
        }
    }

    /** The journal has reached its configured maximum size: nothing more is accepted until shipping frees space. */
    static final class JournalFullException extends IOException {
        JournalFullException() {
            super("the audit journal is full");
        }
    }
}
