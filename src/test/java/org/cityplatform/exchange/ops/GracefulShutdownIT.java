package org.cityplatform.exchange.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cityplatform.exchange.support.GatewayProcess;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README, "Graceful shutdown", against the packaged jar: on SIGTERM readiness goes DOWN, new requests
 * are refused with 503, a push in flight either answers 200 for everything it stored or fails
 * visibly with the database holding exactly what its answer says, an export in flight never ends
 * cleanly, the audit queue is flushed, and the process exits by itself.
 */
class GracefulShutdownIT {

    private static final int PORT = 18113;
    private static final String DATABASE = "exchange_test_shutdown";
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
    private static final Duration DELAY = Duration.ofSeconds(1);
    private static final Duration PUSH_DRAIN = Duration.ofSeconds(4);
    private static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("QUARKUS_PROFILE", "test"),
            Map.entry("QUARKUS_FLYWAY_CLEAN_AT_START", "false"),
            Map.entry("QUARKUS_FLYWAY_MIGRATE_AT_START", "true"),
            Map.entry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/" + DATABASE),
            Map.entry("QUARKUS_DATASOURCE_JDBC_URL", JDBC),
            Map.entry("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:6379/5"),
            Map.entry("QUARKUS_SHUTDOWN_DELAY", DELAY.toSeconds() + "s"),
            Map.entry("QUARKUS_SHUTDOWN_TIMEOUT", "15s"),
            Map.entry("EXCHANGE_SHUTDOWN_PUSH_DRAIN", PUSH_DRAIN.toSeconds() + "s"));
    private static final int BATCH = 2000;

    /** What a push client saw: a status and body, or the IOException that ended it. */
    private record Outcome(int status, String body, IOException failure, int linesWritten) {
    }

    // Its own database, so that it never races other runs over exchange_test; created when missing.
    @BeforeAll
    static void database() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet r = exists.executeQuery()) {
                if (!r.next()) {
                    c.createStatement().execute("CREATE DATABASE " + DATABASE);
                }
            }
        }
    }

    @Test
    void aSigtermDrainsPushesCutsExportsAndFlushesTheAuditQueue() throws Exception {
        String provider;
        String consumer;
        String exported = TestCodes.datasetCode("drain-export");
        String quick = TestCodes.datasetCode("drain-quick");
        String slow = TestCodes.datasetCode("drain-slow");
        Outcome quickOutcome;
        Outcome slowOutcome;
        CompletableFuture<String> export;
        List<String> readiness = new ArrayList<>();
        List<Integer> lookupsWhileDraining = new ArrayList<>();
        String lookupRefusal = null;
        try (GatewayProcess gateway = GatewayProcess.start(PORT, ENV)) {
            gateway.awaitLive(Duration.ofSeconds(120));
            provider = gateway.registerSignedAgency("停机提供方");
            consumer = gateway.registerSignedAgency("停机使用方");
            for (String code : List.of(exported, quick, slow)) {
                gateway.as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("code", code, "name", "停机",
                                "provider", provider, "subjectType", "PERSON", "sharingClass", "UNCONDITIONAL",
                                "updateCycle", "REALTIME", "fields", List.of(Map.of("name", "name", "type", "STRING"))))
                        .post("/api/v1/datasets").then().statusCode(201);
            }
            // Large enough (~12 MB) that an export read slowly cannot sit whole in socket buffers.
            String padding = "档".repeat(130);
            StringBuilder body = new StringBuilder();
            for (int i = 1; i <= 30_000; i++) {
                body.append(line(TestKeys.person(5_000_000 + i), padding + i));
            }
            gateway.as(Tokens.agency(provider)).contentType("application/x-ndjson")
                    .body(body.toString().getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/datasets/" + exported + "/records").then().statusCode(200);
            String known = "/api/v1/datasets/" + exported + "/records/" + TestKeys.person(5_000_001);
            gateway.as(Tokens.agency(consumer)).get(known).then().statusCode(200);
            gateway.as(Tokens.center()).get("/q/health/ready").then().statusCode(200);

            // An export read a little, then left waiting: in flight at SIGTERM.
            export = CompletableFuture.supplyAsync(() -> slowExport(gateway, provider, exported));
            // A push that ends its body within the push drain, and one that would stream far longer.
            CompletableFuture<Outcome> quickPush = CompletableFuture.supplyAsync(
                    () -> push(gateway, provider, quick, 1_000_000, 6, 400));
            CompletableFuture<Outcome> slowPush = CompletableFuture.supplyAsync(
                    () -> push(gateway, provider, slow, 2_000_000, 60, 500));
            awaitRunning(gateway, 2, 1);
            Thread.sleep(800); // a couple of batches of each push committed

            long signalled = System.nanoTime();
            gateway.process().destroy(); // SIGTERM

            // Readiness first, while requests are still served (the shutdown delay)...
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < until && gateway.process().isAlive()) {
                readiness.add(status(gateway.baseUrl() + "/q/health/ready", null) + "");
                if (readiness.get(readiness.size() - 1).equals("503")) {
                    break;
                }
                Thread.sleep(50);
            }
            // ...then new requests are refused while the pushes drain.
            while (System.nanoTime() < until && gateway.process().isAlive() && lookupRefusal == null) {
                HttpURLConnection lookup = open(gateway.baseUrl() + known, consumer);
                int status;
                try {
                    status = lookup.getResponseCode();
                    if (status == 503) {
                        lookupRefusal = read(lookup.getErrorStream()) + " Connection: " + lookup.getHeaderField("Connection");
                    }
                } catch (IOException closed) {
                    status = 0;
                }
                lookupsWhileDraining.add(status);
                Thread.sleep(50);
            }

            quickOutcome = quickPush.get(60, TimeUnit.SECONDS);
            slowOutcome = slowPush.get(60, TimeUnit.SECONDS);
            Integer exit = gateway.awaitExit(Duration.ofSeconds(40));
            assertNotNull(exit, "the gateway did not exit by itself after SIGTERM:\n" + gateway.output());
            long took = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled);
            assertTrue(took < 25, "shutdown took " + took + "s");
            String log = gateway.output();
            assertTrue(log.contains("audit queue flushed"), "the audit queue was not flushed:\n" + log);
            log.lines().filter(l -> l.matches(".*(readiness|draining|drain|shutdown|audit queue|HTTP requests).*"))
                    .forEach(l -> System.out.println("gateway: " + l));
        }

        String exportResult = export.get(30, TimeUnit.SECONDS);
        System.out.printf("readiness after SIGTERM %s; lookups %s; quick push %s; slow push %s; export %s%n",
                readiness, lookupsWhileDraining, quickOutcome, slowOutcome, exportResult);
        assertTrue(readiness.contains("503"), "readiness never went DOWN before exit: " + readiness);
        assertNotNull(lookupRefusal, "no lookup was refused while draining: " + lookupsWhileDraining);
        assertTrue(lookupRefusal.contains("\"code\":\"UNAVAILABLE\"") && lookupRefusal.endsWith("close"), lookupRefusal);
        int firstRefused = lookupsWhileDraining.indexOf(503);
        assertFalse(lookupsWhileDraining.subList(firstRefused, lookupsWhileDraining.size()).contains(200),
                "a lookup was served after refusals began: " + lookupsWhileDraining);

        // The quick push ended its body during the drain: everything stored and acknowledged.
        assertEquals(200, quickOutcome.status(), "quick push: " + quickOutcome);
        assertEquals(6 * BATCH, new JsonObject(quickOutcome.body()).getInteger("accepted"), quickOutcome.body());
        assertStoredExactlyThrough(quick, 1_000_000, 6 * BATCH);

        // The slow one was still streaming at the deadline: it failed visibly, never with a 2xx,
        // and the database holds exactly the lines its answer names (whole batches, from the start).
        assertTrue(slowOutcome.failure() != null || slowOutcome.status() == 503, "slow push: " + slowOutcome);
        long stored = storedCount(slow);
        assertTrue(stored < 60 * BATCH, "the slow push should have been cut: " + slowOutcome + ", stored " + stored);
        if (slowOutcome.status() == 503) {
            JsonObject problem = new JsonObject(slowOutcome.body());
            assertEquals("UNAVAILABLE", problem.getString("code"), slowOutcome.body());
            assertEquals(stored, problem.getLong("storedThroughLine"), slowOutcome.body());
            assertEquals(stored, problem.getLong("accepted"), slowOutcome.body());
        }
        assertTrue(stored > 0 && stored % BATCH == 0, "whole batches of the slow push stay committed: " + stored);
        assertStoredExactlyThrough(slow, 2_000_000, stored);

        // The export was cut: its client never saw a clean end.
        assertTrue(exportResult.startsWith("failed"), "the export ended cleanly: " + exportResult);

        // Flushed before exit: the push events are sealed, the cut export's end is recorded.
        assertEquals(0, count("SELECT count(*) FROM audit_events WHERE hash IS NULL AND dataset IN (?, ?)", quick, slow));
        assertTrue(count("SELECT count(*) FROM audit_events WHERE dataset = ? AND action = 'EXPORT' AND outcome = 'FAILED'",
                exported) >= 1, "the cut export's end is not in the audit trail");
    }

    private static String line(String key, String name) {
        return "{\"key\":\"" + key + "\",\"data\":{\"name\":\"" + name + "\"}}\n";
    }

    /** Waits until the gateway reports the given pushes and exports running (readiness data). */
    private static void awaitRunning(GatewayProcess gateway, int pushes, int exports) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String seen = "";
        while (System.nanoTime() < until) {
            seen = gateway.as(Tokens.center()).get("/q/health/ready").asString();
            JsonObject check = new JsonObject(seen).getJsonArray("checks").stream().map(JsonObject.class::cast)
                    .filter(c -> c.getString("name").equals("shutdown")).findFirst().orElseThrow();
            JsonObject data = check.getJsonObject("data");
            if (data.getInteger("pushesRunning") >= pushes && data.getInteger("exportsRunning") >= exports) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("pushes and export not running: " + seen);
    }

    /** A push written slowly: {@code batches} of 2000 lines, a pause after each. */
    private static Outcome push(GatewayProcess gateway, String provider, String dataset, int firstKey, int batches,
                                long pauseMillis) {
        int written = 0;
        HttpURLConnection c = null;
        try {
            c = open(gateway.baseUrl() + "/api/v1/datasets/" + dataset + "/records", provider);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setChunkedStreamingMode(64 * 1024);
            c.setRequestProperty("Content-Type", "application/x-ndjson");
            try (OutputStream out = c.getOutputStream()) {
                for (int b = 0; b < batches; b++) {
                    StringBuilder lines = new StringBuilder();
                    for (int i = 0; i < BATCH; i++) {
                        lines.append(line(TestKeys.person(firstKey + written + i + 1), "推送" + (written + i + 1)));
                    }
                    out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    written += BATCH;
                    Thread.sleep(pauseMillis);
                }
            }
            int status = c.getResponseCode();
            return new Outcome(status, read(status < 400 ? c.getInputStream() : c.getErrorStream()), null, written);
        } catch (IOException e) {
            // The server may have answered before the body was through: the answer is still worth reading.
            try {
                if (c != null) {
                    int status = c.getResponseCode();
                    return new Outcome(status, read(c.getErrorStream()), e, written);
                }
            } catch (IOException gone) {
                // nothing readable: the failure is the answer
            }
            return new Outcome(0, null, e, written);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads 64 KB of the export, waits, then reads the rest: "complete" or "failed: ...". */
    private static String slowExport(GatewayProcess gateway, String provider, String dataset) {
        long bytes = 0;
        try {
            HttpURLConnection c = open(gateway.baseUrl() + "/api/v1/datasets/" + dataset + "/export", provider);
            c.setRequestProperty("Accept", "application/x-ndjson");
            c.setReadTimeout(60_000);
            assertEquals(200, c.getResponseCode());
            try (InputStream in = c.getInputStream()) {
                byte[] buffer = new byte[8192];
                int n;
                while (bytes < 64 * 1024 && (n = in.read(buffer)) > 0) {
                    bytes += n;
                }
                Thread.sleep(4000); // SIGTERM comes meanwhile
                while ((n = in.read(buffer)) > 0) {
                    bytes += n;
                }
            }
            return "complete after " + bytes + " bytes";
        } catch (IOException e) {
            return "failed after " + bytes + " bytes: " + e;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpURLConnection open(String url, String agency) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(30_000);
        if (agency != null) {
            c.setRequestProperty("Authorization", "Bearer " + Tokens.agency(agency));
        }
        return c;
    }

    private static int status(String url, String agency) {
        try {
            HttpURLConnection c = open(url, agency);
            int status = c.getResponseCode();
            c.disconnect();
            return status;
        } catch (IOException closed) {
            return 0;
        }
    }

    private static String read(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertStoredExactlyThrough(String dataset, int firstKey, long lines) throws Exception {
        Set<String> expected = new HashSet<>();
        for (int i = 1; i <= lines; i++) {
            expected.add(TestKeys.person(firstKey + i));
        }
        Set<String> stored = new HashSet<>(keys(dataset));
        assertEquals(expected.size(), stored.size(), dataset + ": stored items");
        assertTrue(stored.equals(expected), dataset + ": the stored items are not exactly lines 1.." + lines);
    }

    private static long storedCount(String dataset) throws Exception {
        return count("SELECT count(*) FROM records r JOIN datasets d ON d.id = r.dataset_id WHERE d.code = ?", dataset);
    }

    private static List<String> keys(String dataset) throws Exception {
        try (Connection c = DriverManager.getConnection(JDBC, "postgres", "");
             PreparedStatement s = c.prepareStatement(
                     "SELECT key FROM records r JOIN datasets d ON d.id = r.dataset_id WHERE d.code = ?")) {
            s.setString(1, dataset);
            try (ResultSet r = s.executeQuery()) {
                List<String> keys = new ArrayList<>();
                while (r.next()) {
                    keys.add(r.getString(1));
                }
                return keys;
            }
        }
    }

    private static long count(String sql, String... parameters) throws Exception {
        try (Connection c = DriverManager.getConnection(JDBC, "postgres", "");
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
