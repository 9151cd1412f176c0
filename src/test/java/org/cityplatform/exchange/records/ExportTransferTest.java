package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.records.EngineBench.eventually;
import static org.cityplatform.exchange.records.EngineBench.quietFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.infra.Draining;
import org.cityplatform.exchange.infra.StandaloneDraining;
import org.cityplatform.exchange.quota.Quotas;
import org.cityplatform.exchange.support.DatabaseSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An export's states without HTTP: a fake client reads fast, lags, stops reading or leaves, on a
 * Vert.x of the test's own and a real snapshot of the records. However the export ends, it ends
 * once, and gives its slot, its transaction and its connection back exactly once. (The
 * application is started only for the migrated database; no request goes through its server.)
 */
@QuarkusTest
class ExportTransferTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final int RECORDS = 3000;

    /** The export's bounds. */
    record Bounds(Duration stallTimeout, int maxConcurrent, Duration maxDuration) implements ExportSettings {
    }

    private static final Bounds PATIENT = new Bounds(Duration.ofSeconds(30), 12, Duration.ofHours(2));

    private EngineBench bench;
    private CatalogEntry dataset;
    private Draining draining;
    private final AtomicInteger slotReleases = new AtomicInteger();
    private final List<ExportTransfer.Ended> ended = new CopyOnWriteArrayList<>();

    @BeforeEach
    void aLoopADatabaseAndADatasetOfSomeChunks() {
        bench = new EngineBench();
        dataset = bench.dataset();
        bench.records(dataset, RECORDS);
        draining = StandaloneDraining.on(bench.vertx, Duration.ZERO);
    }

    @AfterEach
    void closeTheBench() {
        bench.close();
    }

    /** Opens the snapshot as ExportStreams does and lets the transfer run it to {@code client}. */
    private void export(FakeExportClient client, Bounds bounds) {
        ExportQuery query = new ExportQuery(ExportFormat.NDJSON, List.of("note"), new String[0], null, Map.of());
        SqlConnection conn = bench.connection();
        Quotas.Slot slot = () -> {
            slotReleases.incrementAndGet();
            return io.vertx.core.Future.succeededFuture();
        };
        bench.awaitResult(() -> conn.begin().compose(tx -> conn.query(
                        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
                .compose(v -> conn.prepare(query.sql))
                .map(ps -> {
                    Transaction watched = bench.watchedTransaction(tx);
                    new ExportTransfer(bounds, draining, bench.metrics, client, dataset.code(), bench.loop, conn,
                            watched, ps.createStream(ExportStreams.FETCH_ROWS, query.parameters(dataset.id())), query,
                            slot, ended::add).start("the-cursor");
                    return ps;
                })));
    }

    private void assertGivenBackOnce(boolean committed) {
        eventually(WITHIN, "the connection goes back", () -> bench.calls("close") == 1);
        quietFor(Duration.ofMillis(300));
        assertEquals(1, ended.size(), "ended once");
        assertEquals(committed, ended.get(0).complete());
        assertEquals(1, slotReleases.get(), "slot released once");
        assertEquals(committed ? 1 : 0, bench.calls("commit"), "commits");
        assertEquals(committed ? 0 : 1, bench.calls("rollback"), "rollbacks");
        assertEquals(1, bench.calls("close"), "connection closed once");
        assertEquals(0, bench.metrics.exportsOpen.get(), "no export counted open");
        assertEquals(0, draining.exportsRunning(), "the export left the drain");
        assertEquals(0, DatabaseSessions.inState("idle in transaction"), "no transaction left open");
    }

    @Test
    void anExportThatCompletesEndsOnceWithEveryRowAndCommits() {
        FakeExportClient client = new FakeExportClient();
        export(client, PATIENT);

        eventually(WITHIN, "the end", () -> client.ends.get() > 0);
        assertGivenBackOnce(true);
        assertEquals(1, client.ends.get());
        assertEquals(0, client.resets.get());
        assertEquals(RECORDS, client.lines.get());
        assertEquals(RECORDS, ended.get(0).rows());
        assertEquals("application/x-ndjson", client.contentType);
        assertEquals("the-cursor", client.cursor);
    }

    @Test
    void aLaggingClientPausesTheRowsUntilItDrains() {
        FakeExportClient client = new FakeExportClient();
        client.lagging = true;
        export(client, PATIENT);

        eventually(WITHIN, "the first chunk", () -> client.chunks.get() == 1);
        quietFor(Duration.ofMillis(500));
        assertEquals(1, client.chunks.get(), "no row is read while the client lags");
        assertEquals(0, client.ends.get());

        bench.onLoop(() -> {
            client.lagging = false;
            client.drained.run();
        });
        eventually(WITHIN, "the end", () -> client.ends.get() > 0);
        assertGivenBackOnce(true);
        assertEquals(RECORDS, client.lines.get());
        assertEquals(0, client.resets.get());
    }

    @Test
    void aClientThatReadsNothingForTheStallTimeoutIsCutOff() {
        FakeExportClient client = new FakeExportClient();
        client.lagging = true;
        export(client, new Bounds(Duration.ofMillis(300), 12, Duration.ofHours(2)));

        eventually(WITHIN, "the cut", () -> client.resets.get() > 0);
        assertGivenBackOnce(false);
        assertEquals(1, client.resets.get());
        assertEquals(0, client.ends.get(), "never an end that looks complete");
    }

    @Test
    void aClientThatLeavesEndsTheExportOnce() {
        FakeExportClient client = new FakeExportClient();
        client.lagging = true;
        export(client, PATIENT);
        eventually(WITHIN, "the first chunk", () -> client.chunks.get() == 1);

        bench.onLoop(() -> {
            client.gone.run();
            client.gone.run();
        });

        assertGivenBackOnce(false);
        assertEquals(0, client.ends.get());
        assertEquals(0, client.resets.get());
    }

    @Test
    void aShutdownCutsARunningExport() {
        FakeExportClient client = new FakeExportClient();
        client.lagging = true;
        export(client, PATIENT);
        eventually(WITHIN, "the first chunk", () -> client.chunks.get() == 1);

        draining.refuseNew();

        eventually(WITHIN, "the cut", () -> client.resets.get() > 0);
        assertGivenBackOnce(false);
        assertEquals(0, client.ends.get());
    }
}
