import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The audit journal's durable step, measured for one engine at one group size (issue 15,
 * docs/decisions/0010): one writer thread appends groups of G audit events and makes each group
 * durable before the next, as the journal's writer would commit whatever waits.
 *
 * <pre>
 *   java -cp sqlite-jdbc.jar load-tests/journal/JournalBench.java ENGINE G SECONDS MAX_EVENTS DIR
 * </pre>
 *
 * ENGINE is one of
 * <ul>
 *   <li>{@code sqlite}: SQLite in WAL mode, synchronous=FULL, table (seq INTEGER PRIMARY KEY,
 *       payload BLOB), one transaction per group with a prepared insert run as a batch;</li>
 *   <li>{@code sqlite-cols}: the same with the event's fields as columns instead of one blob (what
 *       a journal queryable in place would store);</li>
 *   <li>{@code segment}: our own segment files, records of length + CRC32C + payload, one
 *       FileChannel write of the group's bytes, then force(false) (fdatasync); the file grows;</li>
 *   <li>{@code segment-pre}: the same into a segment zero-filled and synced ahead, so an append
 *       overwrites allocated blocks and fdatasync has no size or extent to journal.</li>
 * </ul>
 *
 * Each run first warms up (its own files, not measured), then appends for SECONDS or MAX_EVENTS,
 * whichever ends first, then reads everything back the way recovery and shipping would: the
 * segments sequentially with every CRC checked, SQLite by a range scan over seq. It prints one
 * line of key=value figures:
 * <ul>
 *   <li>cpu_us: the process's CPU (utime + stime from /proc/self/stat, every thread of the JVM)
 *       per event while appending;</li>
 *   <li>wcpu_us: the writer thread's CPU (ThreadMXBean, the native SQLite code included) per event,
 *       and wusr_us its user-mode part (the rest is the kernel's, mostly the write and the sync);</li>
 *   <li>mean_ms, p50_ms, p99_ms, max_ms: wall time of one commit (write + sync);</li>
 *   <li>ev_s: events made durable per second;</li>
 *   <li>read_cpu_us, read_wall_us: thread CPU and wall time per event of the read-back (warm page
 *       cache: these files were just written);</li>
 *   <li>pre_cpu_us, pre_wall_us (segment-pre only): zero-filling and syncing a segment, per event
 *       it will hold, which a journal would do in the background ahead of need.</li>
 * </ul>
 * Kernel work done outside the process (the file system's journal thread committing metadata) is
 * in no figure.
 */
public class JournalBench {

    static final int SEGMENT_BYTES = 64 << 20;
    static final int EVENT_POOL = 4096;
    static final int HEADER = 8;

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: JournalBench sqlite|sqlite-cols|segment|segment-pre GROUP SECONDS MAX_EVENTS DIR");
            System.exit(2);
        }
        String engine = args[0];
        int group = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        long maxEvents = Long.parseLong(args[3]);
        Path dir = Path.of(args[4]);
        Files.createDirectories(dir);
        Event[] events = Event.pool(EVENT_POOL);

        // Warm-up: long enough for the JIT to compile the write path, on files of its own.
        run(engine, group, Math.min(2.0, seconds), Math.min(maxEvents, 100_000), dir.resolve("warmup"), events, false);
        Result r = run(engine, group, seconds, maxEvents, dir.resolve("measured"), events, true);
        System.out.println(r.line(engine, group));
    }

    static Result run(String engine, int group, double seconds, long maxEvents, Path dir, Event[] events,
            boolean measured) throws Exception {
        Files.createDirectories(dir);
        try (Journal journal = switch (engine) {
            case "sqlite" -> new SqliteJournal(dir, false);
            case "sqlite-cols" -> new SqliteJournal(dir, true);
            case "segment" -> new SegmentJournal(dir, false);
            case "segment-pre" -> new SegmentJournal(dir, true);
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        }) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long maxCommits = Math.max(1, maxEvents / group);
            long[] commitNanos = new long[(int) Math.min(maxCommits, 20_000_000L)];
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            long seq = 0;
            int commits = 0;
            long cpu0 = processCpuNanos();
            long thread0 = threads.getCurrentThreadCpuTime();
            long user0 = threads.getCurrentThreadUserTime();
            long start = System.nanoTime();
            long now = start;
            while (commits < commitNanos.length && now < deadline) {
                journal.append(events, seq, group);
                long after = System.nanoTime();
                commitNanos[commits++] = after - now;
                now = after;
                seq += group;
            }
            long wall = now - start;
            long threadCpu = threads.getCurrentThreadCpuTime() - thread0;
            long threadUser = threads.getCurrentThreadUserTime() - user0;
            long cpu = processCpuNanos() - cpu0;

            Result r = new Result();
            r.events = seq;
            r.commits = commits;
            r.wallNanos = wall;
            r.cpuNanos = cpu;
            r.writerCpuNanos = threadCpu;
            r.writerUserNanos = threadUser;
            long[] sorted = Arrays.copyOf(commitNanos, commits);
            Arrays.sort(sorted);
            r.p50 = sorted[(int) Math.min(commits - 1, Math.ceil(commits * 0.50) - 1)];
            r.p99 = sorted[(int) Math.min(commits - 1, Math.ceil(commits * 0.99) - 1)];
            r.max = sorted[commits - 1];
            r.preCpuNanosPerEvent = journal.preparationCpuNanosPerEvent();
            r.preWallNanosPerEvent = journal.preparationWallNanosPerEvent();
            if (measured) {
                long rthread0 = threads.getCurrentThreadCpuTime();
                long rstart = System.nanoTime();
                long read = journal.readBack();
                r.readWallNanos = System.nanoTime() - rstart;
                r.readCpuNanos = threads.getCurrentThreadCpuTime() - rthread0;
                if (read != seq) {
                    throw new IllegalStateException("read back " + read + " events, appended " + seq);
                }
            }
            return r;
        } finally {
            deleteTree(dir);
        }
    }

    /** utime + stime of this process, in clock ticks of 10 ms, as nanoseconds. */
    static long processCpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 10_000_000L;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** An audit event as the journal gets it: linked into its chain, canonical bytes already made. */
    record Event(String[] fields, byte[] hash, byte[] payload) {

        static final String[] NAMES = {"requestId", "instant", "agency", "user", "dataset", "operation",
            "outcome", "subject", "route", "method", "clientIp", "instance", "grant", "reason", "status"};

        /** Distinct events of the gateway's shape: chain, seq, a 32-byte hash, 15 short text fields. */
        static Event[] pool(int n) {
            java.util.Random random = new java.util.Random(15);
            Event[] pool = new Event[n];
            for (int i = 0; i < n; i++) {
                String[] f = {
                    String.format("%016x", random.nextLong()),
                    String.format("2026-11-29T04:%02d:%02d.%03dZ", i / 60 % 60, i % 60, i % 1000),
                    String.format("1131%014d", random.nextInt(1_000_000)) + "A",
                    "svc-" + random.nextInt(100),
                    "persons-" + random.nextInt(10),
                    "LOOKUP",
                    i % 50 == 0 ? "DENIED" : "OK",
                    String.format("110101%08d%04d", 19_400_101 + random.nextInt(800_000), random.nextInt(10_000)),
                    "/api/v1/records/{key}",
                    "GET",
                    "10.0." + random.nextInt(256) + "." + random.nextInt(256),
                    "gw-1",
                    "g" + random.nextInt(1000),
                    "",
                    "200"};
                byte[] hash = new byte[32];
                random.nextBytes(hash);
                pool[i] = new Event(f, hash, encode("chain-gw-1", i, hash, f));
            }
            return pool;
        }

        static byte[] encode(String chain, long seq, byte[] hash, String[] fields) {
            ByteBuffer b = ByteBuffer.allocate(512);
            putString(b, chain);
            b.putLong(seq);
            b.put(hash);
            for (String f : fields) {
                putString(b, f);
            }
            return Arrays.copyOf(b.array(), b.position());
        }

        static void putString(ByteBuffer b, String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            b.put((byte) bytes.length);
            b.put(bytes);
        }
    }

    interface Journal extends AutoCloseable {
        /** Appends events seq .. seq+n-1 (payloads taken round-robin from the pool) and makes them durable. */
        void append(Event[] pool, long seq, int n) throws Exception;

        /** Reads every appended event back, checked; returns how many. */
        long readBack() throws Exception;

        default long preparationCpuNanosPerEvent() {
            return 0;
        }

        default long preparationWallNanosPerEvent() {
            return 0;
        }
    }

    static final class SqliteJournal implements Journal {
        final Connection connection;
        final PreparedStatement insert;
        final boolean columns;

        SqliteJournal(Path dir, boolean columns) throws SQLException {
            this.columns = columns;
            connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                if (columns) {
                    StringBuilder ddl = new StringBuilder(
                            "CREATE TABLE journal (seq INTEGER PRIMARY KEY, chain TEXT NOT NULL, hash BLOB NOT NULL");
                    for (String name : Event.NAMES) {
                        ddl.append(", ").append(name).append(" TEXT NOT NULL");
                    }
                    s.execute(ddl.append(")").toString());
                } else {
                    s.execute("CREATE TABLE journal (seq INTEGER PRIMARY KEY, payload BLOB NOT NULL)");
                }
            }
            connection.setAutoCommit(false);
            insert = connection.prepareStatement(columns
                    ? "INSERT INTO journal VALUES (?, ?, ?" + ", ?".repeat(Event.NAMES.length) + ")"
                    : "INSERT INTO journal (seq, payload) VALUES (?, ?)");
        }

        @Override
        public void append(Event[] pool, long seq, int n) throws SQLException {
            for (int i = 0; i < n; i++) {
                Event e = pool[(int) ((seq + i) % pool.length)];
                insert.setLong(1, seq + i);
                if (columns) {
                    insert.setString(2, "chain-gw-1");
                    insert.setBytes(3, e.hash());
                    for (int f = 0; f < e.fields().length; f++) {
                        insert.setString(4 + f, e.fields()[f]);
                    }
                } else {
                    insert.setBytes(2, e.payload());
                }
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        }

        @Override
        public long readBack() throws SQLException {
            long n = 0;
            long bytes = 0;
            try (PreparedStatement select = connection.prepareStatement(columns
                    ? "SELECT * FROM journal WHERE seq >= ? ORDER BY seq"
                    : "SELECT seq, payload FROM journal WHERE seq >= ? ORDER BY seq")) {
                select.setLong(1, 0);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getLong(1) != n) {
                            throw new IllegalStateException("seq " + rs.getLong(1) + " where " + n + " was expected");
                        }
                        if (columns) {
                            bytes += rs.getBytes(3).length;
                            for (int f = 0; f < Event.NAMES.length; f++) {
                                bytes += rs.getString(4 + f).length();
                            }
                        } else {
                            bytes += rs.getBytes(2).length;
                        }
                        n++;
                    }
                }
            }
            connection.commit();
            return bytes > 0 ? n : -1;
        }

        @Override
        public void close() throws SQLException {
            insert.close();
            connection.close();
        }
    }

    static final class SegmentJournal implements Journal {
        final Path dir;
        final boolean preallocate;
        final List<Path> segments = new ArrayList<>();
        final CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        FileChannel channel;
        long position;
        long preparationCpu;
        long preparationWall;

        SegmentJournal(Path dir, boolean preallocate) throws IOException {
            this.dir = dir;
            this.preallocate = preallocate;
            nextSegment();
        }

        void nextSegment() throws IOException {
            if (channel != null) {
                channel.close();
            }
            Path file = dir.resolve(String.format("%020d.seg", segments.size()));
            segments.add(file);
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            position = 0;
            if (preallocate) {
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long cpu0 = threads.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
                for (long p = 0; p < SEGMENT_BYTES; p += zeros.capacity()) {
                    zeros.clear();
                    while (zeros.hasRemaining()) {
                        channel.write(zeros, p + zeros.position());
                    }
                }
                channel.force(true);
                preparationCpu += threads.getCurrentThreadCpuTime() - cpu0;
                preparationWall += System.nanoTime() - wall0;
            }
            // The new file's name must be durable before anything in it is acknowledged.
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        }

        @Override
        public void append(Event[] pool, long seq, int n) throws IOException {
            buffer.clear();
            for (int i = 0; i < n; i++) {
                byte[] payload = pool[(int) ((seq + i) % pool.length)].payload();
                if (buffer.remaining() < HEADER + payload.length) {
                    ByteBuffer bigger = ByteBuffer.allocateDirect(buffer.capacity() * 2).order(ByteOrder.LITTLE_ENDIAN);
                    buffer.flip();
                    buffer = bigger.put(buffer);
                }
                int start = buffer.position();
                buffer.putInt(payload.length);
                buffer.putInt(0);
                buffer.put(payload);
                crc.reset();
                crc.update(buffer.duplicate().position(start).limit(start + 4));
                crc.update(payload);
                buffer.putInt(start + 4, (int) crc.getValue());
            }
            buffer.flip();
            if (position + buffer.remaining() > SEGMENT_BYTES) {
                nextSegment();
            }
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(false);
        }

        @Override
        public long readBack() throws IOException {
            long n = 0;
            ByteBuffer in = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            byte[] payload = new byte[256];
            CRC32C check = new CRC32C();
            for (Path segment : segments) {
                try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
                    in.clear();
                    records:
                    while (true) {
                        boolean end = ch.read(in) < 0;
                        in.flip();
                        while (in.remaining() >= HEADER) {
                            int start = in.position();
                            int length = in.getInt(start);
                            if (length == 0) {
                                break records; // the zero-filled rest of a preallocated segment
                            }
                            if (in.remaining() < HEADER + length) {
                                break;
                            }
                            if (payload.length < length) {
                                payload = new byte[length];
                            }
                            check.reset();
                            check.update(in.duplicate().position(start).limit(start + 4));
                            in.position(start + HEADER);
                            in.get(payload, 0, length);
                            check.update(payload, 0, length);
                            if ((int) check.getValue() != in.getInt(start + 4)) {
                                throw new IllegalStateException("CRC mismatch at event " + n);
                            }
                            n++;
                        }
                        if (end) {
                            break; // what is left, if anything, is a torn tail: never acknowledged
                        }
                        in.compact();
                    }
                }
            }
            return n;
        }

        @Override
        public long preparationCpuNanosPerEvent() {
            return perEventOfSegments(preparationCpu);
        }

        @Override
        public long preparationWallNanosPerEvent() {
            return perEventOfSegments(preparationWall);
        }

        long perEventOfSegments(long nanos) {
            long eventsPerSegment = SEGMENT_BYTES / (HEADER + 200);
            return nanos / segments.size() / eventsPerSegment;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    static final class Result {
        long events;
        int commits;
        long wallNanos;
        long cpuNanos;
        long writerCpuNanos;
        long writerUserNanos;
        long p50;
        long p99;
        long max;
        long readWallNanos;
        long readCpuNanos;
        long preCpuNanosPerEvent;
        long preWallNanosPerEvent;

        String line(String engine, int group) {
            double ev = events;
            return String.format(Locale.ROOT,
                    "engine=%s group=%d events=%d commits=%d seconds=%.2f ev_s=%.0f cpu_us=%.3f wcpu_us=%.3f wusr_us=%.3f"
                            + " mean_ms=%.3f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f read_cpu_us=%.3f read_wall_us=%.3f"
                            + " pre_cpu_us=%.3f pre_wall_us=%.3f",
                    engine, group, events, commits, wallNanos / 1e9, ev / (wallNanos / 1e9), cpuNanos / 1e3 / ev,
                    writerCpuNanos / 1e3 / ev, writerUserNanos / 1e3 / ev, wallNanos / 1e6 / commits, p50 / 1e6, p99 / 1e6, max / 1e6,
                    readCpuNanos / 1e3 / ev, readWallNanos / 1e3 / ev, preCpuNanosPerEvent / 1e3,
                    preWallNanosPerEvent / 1e3);
        }
    }
}
