package org.cityplatform.exchange.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The instance's journal directory: one subdirectory per chain, named by the chain, holding its
 * segments. The directory is locked for as long as the instance runs, so that two processes can
 * never write or ship the same journal; its size across chains is bounded.
 */
@Singleton
public class AuditJournals {

    private static final Logger LOG = Logger.getLogger(AuditJournals.class);
    /** The journal directories this process holds. */
    private static final Set<Path> LOCKED = ConcurrentHashMap.newKeySet();
    /** The file in the journal's root that names the database its events belong to. */
    static final String DATABASE_FILE = "database";

    private static final java.util.regex.Pattern HEX_NAME = java.util.regex.Pattern.compile("([0-9a-f]{2})+");

    private final Path root;
    private final long maxBytes;
    private final long segmentBytes;
    private final long commitDelayNanos;
    private final boolean preallocate;
    private final AtomicLong used = new AtomicLong();
    private final Timer syncs;
    private FileChannel lockFile;
    private FileLock lock;
    private Path lockedRoot;
    private List<Path> previousRun;

    AuditJournals(AuditSettings settings, MeterRegistry registry) {
        this.root = Path.of(settings.journal().dir()).toAbsolutePath();
        this.maxBytes = settings.journal().maxSize().asLongValue();
        this.segmentBytes = settings.journal().segmentSize().asLongValue();
        this.commitDelayNanos = settings.journal().commitDelay().toNanos();
        this.preallocate = settings.journal().preallocate();
        if (maxBytes < 2 * segmentBytes) {
            // The segment being written is never deleted: a journal of one segment could never free space.
            throw new IllegalStateException("exchange.audit.journal.max-size (" + maxBytes + " bytes) must hold at least "
                    + "two segments of exchange.audit.journal.segment-size (" + segmentBytes + " bytes)");
        }
        this.syncs = Timer.builder("exchange.audit.journal.sync")
                .description("Time to write and fdatasync one group of journal appends")
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("exchange.audit.journal.bytes", used, AtomicLong::get)
                .description("Bytes of audit events in the journal, shipped or not, until their segment is deleted")
                .baseUnit("bytes").register(registry);
    }

    /**
     * Takes the directory for this process, measures what it holds and cuts torn tails, once; the
     * chains found there are an earlier run's.
     */
    synchronized List<Path> open() {
        return open(null);
    }

    /**
     * The same, for the database with this identity (null: unknown): chains journaled for another
     * database are first set aside.
     */
    synchronized List<Path> open(String database) {
        if (previousRun != null) {
            return previousRun;
        }
        try {
            Files.createDirectories(root);
            lock();
            if (database != null) {
                setAsideIfOfAnotherDatabase(database);
            }
            List<Path> chains = chains();
            long bytes = 0;
            for (Path chain : chains) {
                JournalSegments.deletePrepared(chain);
                long cut = JournalSegments.cutTornTail(chain);
                if (cut > 0) {
                    LOG.warnf("audit journal %s: a torn tail of %d bytes cut (a write the crash interrupted, never acknowledged)",
                            chain, cut);
                }
                for (JournalSegments.Segment s : JournalSegments.list(chain)) {
                    bytes += Files.size(s.file());
                }
            }
            used.set(bytes);
            previousRun = List.copyOf(chains);
            return previousRun;
        } catch (IOException e) {
            throw new UncheckedIOException("the audit journal " + root + " cannot be opened", e);
        }
    }

    /*
     * A journal holds events acknowledged against one database. Shipped into another (a volume
     * reused with a new or restored database), they would land in a trail they do not belong to
     * and break its verification. Such chains are moved aside whole, kept for an operator, and
     * the journal starts empty for this database; the file naming the database is written first.
     */
    private void setAsideIfOfAnotherDatabase(String database) throws IOException {
        Path named = root.resolve(DATABASE_FILE);
        if (Files.exists(named)) {
            String recorded = Files.readString(named).strip();
            if (!recorded.equals(database)) {
                List<Path> foreign = chains();
                if (!foreign.isEmpty()) {
                    Path aside = root.resolveSibling(root.getFileName() + ".database-" + recorded.replaceAll("[^A-Za-z0-9]", "")
                            + "-" + System.currentTimeMillis());
                    Files.createDirectories(aside);
                    for (Path chain : foreign) {
                        Files.move(chain, aside.resolve(chain.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                    }
                    syncDirectory(root);
                    LOG.errorf("audit journal %s holds %d chain(s) of another database (%s, this one is %s): moved to %s, "
                            + "not shipped here; an operator ships them to their own database", root, foreign.size(),
                            recorded, database, aside);
                }
            } else {
                return;
            }
        }
        Path written = root.resolve(DATABASE_FILE + ".new");
        try (FileChannel out = FileChannel.open(written, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap((database + "\n").getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        Files.move(written, named, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(root);
    }

    /*
     * The lock is the process's (a POSIX record lock): closing any other channel this process has
     * on the lock file drops it, and another process could then take the directory. So a directory
     * this process holds is refused before its lock file is opened again.
     */
    private void lock() throws IOException {
        Path held = root.toRealPath();
        if (!LOCKED.add(held)) {
            throw inUse();
        }
        FileChannel channel = null;
        FileLock taken = null;
        try {
            channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            taken = channel.tryLock();
            if (taken == null) {
                channel.close(); // the holder is another process: its lock stays
            }
        } catch (OverlappingFileLockException e) {
            // Held here under another path: left open, as closing it would drop that lock.
        } finally {
            if (taken == null) {
                LOCKED.remove(held);
            }
        }
        if (taken == null) {
            throw inUse();
        }
        lockFile = channel;
        lock = taken;
        lockedRoot = held;
    }

    private IllegalStateException inUse() {
        return new IllegalStateException("the audit journal " + root + " is in use by another process: "
                + "each instance needs a journal directory of its own");
    }

    /** The chains' directories found in the journal. */
    List<Path> chains() throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            // Only chains' directories (hex names): a volume's lost+found and the like are not ours.
            entries.filter(Files::isDirectory).filter(d -> HEX_NAME.matcher(d.getFileName().toString()).matches())
                    .sorted().forEach(found::add);
        }
        return found;
    }

    Path dirOf(String chain) {
        return root.resolve(HexFormat.of().formatHex(chain.getBytes(StandardCharsets.UTF_8)));
    }

    static String chainOf(Path dir) {
        return new String(HexFormat.of().parseHex(dir.getFileName().toString()), StandardCharsets.UTF_8);
    }

    AuditJournal journalOf(String chain) {
        open();
        try {
            return new AuditJournal(dirOf(chain), this);
        } catch (IOException e) {
            throw new UncheckedIOException("the audit journal of chain " + chain + " cannot be opened", e);
        }
    }

    boolean preallocate() {
        return preallocate;
    }

    long commitDelayNanos() {
        return commitDelayNanos;
    }

    long segmentBytes() {
        return segmentBytes;
    }

    long usedBytes() {
        return used.get();
    }

    boolean reserve(long bytes) {
        if (used.addAndGet(bytes) > maxBytes) {
            used.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    void synced(long nanos) {
        syncs.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Makes a directory's new or removed entries durable. */
    void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debugf("directory %s not synced: %s", dir, e.getMessage());
        }
    }

    /** Deletes segments wholly shipped (every event at or below {@code shippedSeq}), never {@code keep}. */
    void deleteShipped(Path dir, long shippedSeq, Path keep) throws IOException {
        List<JournalSegments.Segment> segments = JournalSegments.list(dir);
        for (int i = 0; i + 1 < segments.size(); i++) {
            JournalSegments.Segment s = segments.get(i);
            // A segment holds events up to the next one's first; those after it, superseded, are never read.
            if (segments.get(i + 1).firstSeq() - 1 <= shippedSeq && !s.file().equals(keep)) {
                delete(s.file());
            }
        }
    }

    /** Deletes a chain's directory once everything in it is in PostgreSQL. */
    void deleteChain(Path dir) throws IOException {
        for (JournalSegments.Segment s : JournalSegments.list(dir)) {
            delete(s.file());
        }
        JournalSegments.deletePrepared(dir);
        Files.deleteIfExists(dir);
        syncDirectory(root);
    }

    private void delete(Path file) throws IOException {
        long size = Files.size(file);
        Files.delete(file);
        used.addAndGet(-size);
    }

    synchronized void close() {
        try {
            if (lock != null) {
                lock.release();
                lockFile.close();
                LOCKED.remove(lockedRoot);
            }
            previousRun = null;
        } catch (IOException e) {
            LOG.debugf("audit journal lock not released: %s", e.getMessage());
        }
        lock = null;
    }
}
