package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.records.EngineBench.eventually;
import static org.cityplatform.exchange.records.EngineBench.quietFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.cityplatform.exchange.audit.AuditTrail;
import org.cityplatform.exchange.audit.Requester;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.infra.Draining;
import org.cityplatform.exchange.infra.StandaloneDraining;
import org.cityplatform.exchange.problem.ProblemCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A push's states without HTTP: a fake client sends, stalls, leaves or sends garbage, on a Vert.x
 * of the test's own and the real database. However the push ends, it answers at most once, and
 * gives its slot and its connection back exactly once. (The application is started only for the
 * audit trail and the migrated database; no request goes through its HTTP server.)
 */
@QuarkusTest
class PushSessionTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    /** The push's bounds: small, so that they are reached quickly. */
    record Bounds(int batchSize, int maxInFlight, Duration idleTimeout, Duration maxDuration,
                  int maxConcurrentPerAgency) implements PushSettings {
    }

    private static final Bounds ROOMY = new Bounds(100, 4, Duration.ofSeconds(30), Duration.ofHours(1), 4);

    @Inject
    AuditTrail trail;

    @Inject
    RecordCache cache;

    private EngineBench bench;
    private CatalogEntry dataset;
    private final AtomicInteger slotReleases = new AtomicInteger();

    @BeforeEach
    void aLoopADatabaseAndADataset() {
        bench = new EngineBench();
        dataset = bench.dataset();
    }

    @AfterEach
    void closeTheBench() {
        bench.close();
    }

    private PushSession push(FakePushClient client, Bounds bounds, Draining draining) {
        PushAudit audit = new PushAudit(trail, new Requester(dataset.provider(), "engine-test", "req-" + System.nanoTime(),
                null), dataset.code());
        PushSession[] session = new PushSession[1];
        var conn = bench.connection();
        bench.onLoop(() -> {
            session[0] = new PushSession(client, bench.loop, conn, false, dataset,
                    new ItemParser(dataset.subjectType(), dataset.fields()), PushFormat.NDJSON, bounds, bench.metrics,
                    cache, audit, slotReleases::incrementAndGet);
            if (draining != null) {
                session[0].drainedBy(draining);
            }
            session[0].start(ChangeCursor.before(1));
        });
        return session[0];
    }

    private static Buffer items(int from, int to) {
        return Buffer.buffer(IntStream.rangeClosed(from, to)
                .mapToObj(i -> "{\"key\":\"OBJ-" + i + "\",\"data\":{\"note\":\"item " + i + "\"}}\n")
                .collect(Collectors.joining()));
    }

    private void sends(FakePushClient client, Buffer bytes) {
        eventually(WITHIN, "the push reads its body", () -> !client.paused);
        bench.onLoop(() -> client.listener.bytes(bytes));
    }

    private void assertGivenBackOnce() {
        eventually(WITHIN, "the connection goes back", () -> bench.calls("close") == 1);
        quietFor(Duration.ofMillis(200));
        assertEquals(1, bench.calls("close"), "connection closed once");
        assertEquals(1, slotReleases.get(), "slot released once");
        assertEquals(0, bench.metrics.pushesOpen.get(), "no push counted open");
    }

    @Test
    void aBodyThatEndsIsAnsweredOnceWithItsSummary() {
        FakePushClient client = new FakePushClient(null);
        push(client, ROOMY, null);
        sends(client, items(1, 3));
        bench.onLoop(() -> client.listener.bodyEnded());

        eventually(WITHIN, "an answer", () -> !client.answers.isEmpty());
        assertGivenBackOnce();
        assertEquals(1, client.answers.size());
        FakePushClient.Answer answer = client.answers.get(0);
        assertEquals(200, answer.status());
        assertEquals(3, ((Number) answer.members().get("accepted")).intValue());
        assertEquals(3, bench.storedRecords(dataset));
    }

    @Test
    void aClientThatLeavesMidBodyIsLetGoWithoutAnAnswerAndItsConnectionGoesBack() {
        FakePushClient client = new FakePushClient(null);
        push(client, ROOMY, null);
        sends(client, items(1, 2));
        bench.onLoop(() -> {
            client.gone = true;
            client.listener.gone();
            client.listener.failed(new IllegalStateException("connection reset"));
        });

        assertGivenBackOnce();
        assertTrue(client.answers.isEmpty(), "nobody to answer");
    }

    @Test
    void aBodyThatSendsNothingForTheIdleTimeoutIsEndedWith408() {
        FakePushClient client = new FakePushClient(null);
        push(client, new Bounds(100, 4, Duration.ofMillis(300), Duration.ofHours(1), 4), null);
        sends(client, items(1, 2));

        eventually(WITHIN, "an answer", () -> !client.answers.isEmpty());
        assertGivenBackOnce();
        assertEquals(List.of(ProblemCode.REQUEST_TIMEOUT), client.answers.stream()
                .map(FakePushClient.Answer::code).toList());
        assertEquals(408, client.answers.get(0).status());
        assertTrue(client.closesAfterAnswer, "a body not read to its end closes the connection");
        assertTrue(client.paused, "nothing more is read");
    }

    @Test
    void aBodyThatCannotBeDecodedIsEndedWith400() {
        FakePushClient client = new FakePushClient("gzip");
        push(client, ROOMY, null);
        sends(client, Buffer.buffer("this body says gzip but is plain text\n"));

        eventually(WITHIN, "an answer", () -> !client.answers.isEmpty());
        assertGivenBackOnce();
        assertEquals(1, client.answers.size());
        assertEquals(ProblemCode.MALFORMED_BODY, client.answers.get(0).code());
        assertEquals(400, client.answers.get(0).status());
        assertTrue(client.closesAfterAnswer);
    }

    @Test
    void batchesInFlightPauseTheBodyUntilTheDatabaseTakesThem() {
        FakePushClient client = new FakePushClient(null);
        push(client, new Bounds(2, 1, Duration.ofSeconds(30), Duration.ofHours(1), 4), null);
        boolean[] pausedOnArrival = new boolean[1];
        eventually(WITHIN, "the push reads its body", () -> !client.paused);
        bench.onLoop(() -> {
            client.listener.bytes(items(1, 5));
            // Still in the turn that cut the items: the statements cannot have completed yet.
            pausedOnArrival[0] = client.paused;
        });
        assertTrue(pausedOnArrival[0], "a full batch in flight pauses the body");

        eventually(WITHIN, "the body resumes once the database took the batches", () -> !client.paused);
        assertEquals(List.of("resume", "pause", "resume"), client.flow);
        bench.onLoop(() -> client.listener.bodyEnded());
        eventually(WITHIN, "an answer", () -> !client.answers.isEmpty());
        assertGivenBackOnce();
        assertEquals(200, client.answers.get(0).status());
        assertEquals(5, ((Number) client.answers.get(0).members().get("accepted")).intValue());
    }

    @Test
    void aShutdownEndsAPushStillReadingItsBodyWith503() {
        Draining draining = StandaloneDraining.on(bench.vertx, Duration.ZERO);
        FakePushClient client = new FakePushClient(null);
        push(client, ROOMY, draining);
        sends(client, items(1, 100));
        eventually(WITHIN, "the batch of 100 is stored", () -> bench.storedRecords(dataset) == 100);
        assertEquals(1, draining.pushesRunning());

        draining.refuseNew();

        eventually(WITHIN, "an answer", () -> !client.answers.isEmpty());
        assertGivenBackOnce();
        assertEquals(1, client.answers.size());
        FakePushClient.Answer answer = client.answers.get(0);
        assertEquals(ProblemCode.UNAVAILABLE, answer.code());
        assertEquals(503, answer.status());
        assertEquals(100L, ((Number) answer.members().get("storedThroughLine")).longValue());
        assertEquals(0, draining.pushesRunning(), "the push left the drain");
    }
}
