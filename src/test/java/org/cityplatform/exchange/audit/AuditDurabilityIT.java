package org.cityplatform.exchange.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cityplatform.exchange.support.Bystander;
import org.cityplatform.exchange.support.GatewayProcess;
import org.cityplatform.exchange.support.TcpProxy;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md, "The audit trail", against the packaged jar: a gateway killed with
 * SIGKILL under load, its journal's last write torn, has every request it answered with 2xx in
 * the trail once restarted, each once, and stored every item it acknowledged; with PostgreSQL out
 * of reach, cached reads are still answered and journaled, and their events reach PostgreSQL when
 * it is back; a full journal fails reads closed with 503 AUDIT_UNAVAILABLE until shipping frees
 * it. PostgreSQL goes out of reach for the gateway alone: it reaches the database through a
 * {@link TcpProxy} that the test cuts, so the machine's shared PostgreSQL is never stopped.
 */
class AuditDurabilityIT {

    /** The test database, also when the run overrides it (-Dquarkus.datasource.jdbc.url). */
    private static final URI DATABASE = URI.create(System.getProperty("quarkus.datasource.jdbc.url",
            "jdbc:postgresql://127.0.0.1:5432/exchange_test").substring("jdbc:".length()));
    private static final String JDBC = "jdbc:" + DATABASE;
    private static final Map<String, String> ENV = Map.of("QUARKUS_PROFILE", "test", "QUARKUS_FLYWAY_CLEAN_AT_START", "false",
            "EXCHANGE_AUDIT_DEAD_CHAIN_AFTER", "3s",
            "QUARKUS_DATASOURCE_REACTIVE_URL", DATABASE.toString(), "QUARKUS_DATASOURCE_JDBC_URL", JDBC);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private record Setup(String provider, String consumer, String dataset, List<String> knownKeys) {
    }

    private static Setup setUp(GatewayProcess gateway, String name) {
        String provider = gateway.registerSignedAgency(name + "提供方");
        String consumer = gateway.registerSignedAgency(name + "使用方");
        String dataset = TestCodes.datasetCode("durable");
        gateway.as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("code", dataset, "name", "持久性",
                        "provider", provider, "subjectType", "PERSON", "sharingClass", "UNCONDITIONAL",
                        "updateCycle", "REALTIME", "fields", List.of(Map.of("name", "name", "type", "STRING"))))
                .post("/api/v1/datasets").then().statusCode(201);
        List<String> keys = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            String key = TestKeys.person(900_000 + i);
            keys.add(key);
            body.append("{\"key\":\"").append(key).append("\",\"data\":{\"name\":\"已知").append(i).append("\"}}\n");
        }
        gateway.as(Tokens.agency(provider)).contentType("application/x-ndjson")
                .body(body.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/datasets/" + dataset + "/records").then().statusCode(200);
        return new Setup(provider, consumer, dataset, keys);
    }

    @Test
    void aGatewayKilledUnderLoadLostNoAuditEventAndNoItemItAcknowledged() throws Exception {
        Set<String> answered = ConcurrentHashMap.newKeySet();
        Set<String> acknowledgedKeys = ConcurrentHashMap.newKeySet();
        AtomicInteger nextKey = new AtomicInteger(1_000_000);
        AtomicBoolean stop = new AtomicBoolean();
        String base;
        Setup setup;
        List<Thread> load = new ArrayList<>();
        try (GatewayProcess gateway = GatewayProcess.start(18101, ENV)) {
            gateway.awaitLive(Duration.ofSeconds(120));
            base = gateway.baseUrl();
            setup = setUp(gateway, "崩溃测试");
            for (int t = 0; t < 3; t++) {
                load.add(started(() -> {
                    while (!stop.get()) {
                        List<String> keys = new ArrayList<>();
                        StringBuilder body = new StringBuilder();
                        for (int i = 0; i < 200; i++) {
                            String key = TestKeys.person(nextKey.getAndIncrement());
                            keys.add(key);
                            body.append("{\"key\":\"").append(key).append("\",\"data\":{\"name\":\"推送\"}}\n");
                        }
                        String id = "crash-push-" + UUID.randomUUID();
                        if (send(base + "/api/v1/datasets/" + setup.dataset() + "/records", setup.provider(), id,
                                body.toString()) / 100 == 2) {
                            answered.add(id);
                            acknowledgedKeys.addAll(keys);
                        }
                    }
                }));
            }
            for (int t = 0; t < 4; t++) {
                int offset = t;
                load.add(started(() -> {
                    int n = offset;
                    while (!stop.get()) {
                        String id = "crash-read-" + UUID.randomUUID();
                        String key = setup.knownKeys().get(n++ % setup.knownKeys().size());
                        if (send(base + "/api/v1/datasets/" + setup.dataset() + "/records/" + key, setup.consumer(), id,
                                null) / 100 == 2) {
                            answered.add(id);
                        }
                    }
                }));
            }
            Thread.sleep(3000);
            gateway.process().destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            gateway.process().waitFor();
            stop.set(true);
            for (Thread thread : load) {
                thread.join(30_000);
            }
        }
        assertTrue(answered.size() > 50, "the load should have been answered many times before the kill: " + answered.size());
        Set<String> stored = new java.util.HashSet<>(strings("SELECT key FROM records r JOIN datasets d ON d.id = r.dataset_id "
                + "WHERE d.code = '" + setup.dataset() + "'"));
        List<String> lost = acknowledgedKeys.stream().filter(k -> !stored.contains(k)).toList();
        assertEquals(List.of(), lost, "acknowledged items missing from the database");

        // A crash in the middle of an append leaves a torn record after the acknowledged ones.
        tearTheLastWrite(Path.of("target", "audit-journal-18101"));

        // The restarted instance cuts the torn tail, ships what the killed one journaled before
        // it serves, and seals the push events the killed one committed but never sealed.
        try (GatewayProcess restarted = GatewayProcess.start(18101, ENV)) {
            restarted.awaitLive(Duration.ofSeconds(120));
            assertTrue(restarted.output().contains("torn tail"), "the torn tail is cut at start");
            List<String> missing = List.copyOf(answered);
            long shipped = System.currentTimeMillis() + 60_000;
            while (!missing.isEmpty() && System.currentTimeMillis() < shipped) {
                Set<String> audited = new java.util.HashSet<>(strings(
                        "SELECT DISTINCT request_id FROM audit_events WHERE request_id LIKE 'crash-%'"));
                missing = answered.stream().filter(id -> !audited.contains(id)).toList();
                Thread.sleep(250);
            }
            assertEquals(List.of(), missing, "requests answered 2xx without their audit event");
            assertEquals(List.of(), strings("SELECT request_id FROM audit_events WHERE request_id LIKE 'crash-read-%' "
                    + "GROUP BY request_id HAVING count(*) > 1"), "an event shipped twice");
            long deadline = System.currentTimeMillis() + 30_000;
            while (count("SELECT count(*) FROM audit_events WHERE hash IS NULL") > 0) {
                assertTrue(System.currentTimeMillis() < deadline, "push events of the killed instance stayed unsealed");
                Thread.sleep(250);
            }
            restarted.as(Tokens.center()).get("/api/v1/audit/verify").then().statusCode(200)
                    .body("intact", org.hamcrest.Matchers.equalTo(true));
        }
    }

    private static double cacheHits(GatewayProcess gateway) {
        String metrics = io.restassured.RestAssured.get(gateway.baseUrl() + "/q/metrics").then().statusCode(200)
                .extract().asString();
        return metrics.lines().filter(l -> l.startsWith("exchange_cache_hits_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Appends half a record to the newest segment of the journal: what a crash mid-write leaves. */
    private static void tearTheLastWrite(Path journal) throws Exception {
        Path newest;
        try (var files = Files.walk(journal)) {
            newest = files.filter(f -> f.toString().endsWith(".journal"))
                    .max(java.util.Comparator.comparing(f -> f.getFileName().toString())).orElseThrow();
        }
        java.nio.ByteBuffer torn = java.nio.ByteBuffer.allocate(60).putInt(240).putInt(12345);
        Files.write(newest, torn.array(), java.nio.file.StandardOpenOption.APPEND);
    }

    @Test
    void withPostgresOutOfReachCachedReadsAreAnsweredAndTheirEventsArriveWhenItIsBack() throws Exception {
        try (TcpProxy postgres = TcpProxy.to(DATABASE.getHost(), DATABASE.getPort() < 0 ? 5432 : DATABASE.getPort());
             GatewayProcess gateway = GatewayProcess.start(18102, throughProxy(postgres, Map.of()));
             Bystander bystander = Bystander.connect()) {
            gateway.awaitLive(Duration.ofSeconds(120));
            Setup setup = setUp(gateway, "停库测试");
            String record = "/api/v1/datasets/" + setup.dataset() + "/records/" + setup.knownKeys().get(0);
            gateway.as(Tokens.agency(setup.consumer())).get(record).then().statusCode(200);
            // A lookup fills the record cache after its answer, and each event loop opens its own
            // Redis connection on its first lookup, reading PostgreSQL meanwhile (records/CacheConnections):
            // read until eight reads in a row, spread over the loops, were answered from Redis.
            long deadline = System.currentTimeMillis() + 15_000;
            int inARow = 0;
            while (inARow < 8 && System.currentTimeMillis() < deadline) {
                double hits = cacheHits(gateway);
                gateway.as(Tokens.agency(setup.consumer())).get(record).then().statusCode(200);
                inARow = cacheHits(gateway) > hits ? inARow + 1 : 0;
            }
            boolean cached = inARow == 8;
            assertTrue(cached, "the record is answered from Redis before PostgreSQL goes away");
            assertTrue(postgres.connections() > 0, "the gateway does not reach PostgreSQL through the proxy");

            List<String> whileAway = new ArrayList<>();
            postgres.cut();
            try {
                // The record, the grant decision and the agency are all at hand; the journal takes the events.
                // On a loaded machine the instance may stop trusting its in-memory decisions (its own
                // heartbeat on the invalidation channel late by more than the trust window) or its
                // Redis reads may time out: then it asks PostgreSQL, and with PostgreSQL away that is
                // 503 UNAVAILABLE, which is right. Never a 500, and every read answered is in the trail.
                int unavailable = 0;
                for (int i = 0; i < 20; i++) {
                    String id = "away-" + UUID.randomUUID();
                    var answer = gateway.as(Tokens.agency(setup.consumer())).header("X-Request-Id", id).get(record);
                    if (answer.statusCode() == 503) {
                        assertEquals("UNAVAILABLE", answer.jsonPath().getString("code"));
                        unavailable++;
                        continue;
                    }
                    answer.then().statusCode(200);
                    whileAway.add(id);
                }
                assertFalse(whileAway.isEmpty(), "no cached read was answered while PostgreSQL was away ("
                        + unavailable + " answered 503)");
                bystander.assertServed();
            } finally {
                postgres.restore();
            }
            deadline = System.currentTimeMillis() + 60_000;
            Set<String> arrived = Set.of();
            while (System.currentTimeMillis() < deadline && !arrived.containsAll(whileAway)) {
                Thread.sleep(250);
                arrived = new java.util.HashSet<>(strings("SELECT request_id FROM audit_events WHERE request_id LIKE 'away-%'"));
            }
            assertTrue(arrived.containsAll(whileAway), "the events of the reads answered while PostgreSQL was away");
            List<String> inChainOrder = strings("SELECT request_id FROM audit_events WHERE request_id LIKE 'away-%' "
                    + "ORDER BY seq");
            assertEquals(whileAway, inChainOrder.stream().filter(whileAway::contains).toList(), "in chain order");
            gateway.as(Tokens.center()).get("/api/v1/audit/verify").then().statusCode(200)
                    .body("intact", org.hamcrest.Matchers.equalTo(true));
            bystander.assertServed();
        }
    }

    @Test
    void aFullJournalFailsReadsClosedUntilShippingFreesIt() throws Exception {
        Map<String, String> small = Map.of("EXCHANGE_AUDIT_JOURNAL_MAX_SIZE", "48K",
                "EXCHANGE_AUDIT_JOURNAL_SEGMENT_SIZE", "8K");
        try (TcpProxy postgres = TcpProxy.to(DATABASE.getHost(), DATABASE.getPort() < 0 ? 5432 : DATABASE.getPort());
             GatewayProcess gateway = GatewayProcess.start(18103, throughProxy(postgres, small))) {
            gateway.awaitLive(Duration.ofSeconds(120));
            Setup setup = setUp(gateway, "满盘测试");
            String record = "/api/v1/datasets/" + setup.dataset() + "/records/" + setup.knownKeys().get(0);
            gateway.as(Tokens.agency(setup.consumer())).get(record).then().statusCode(200);
            gateway.as(Tokens.agency(setup.consumer())).get(record).then().statusCode(200);

            postgres.cut();
            int status = 200;
            try {
                List<String> answers = new ArrayList<>();
                String code = null;
                for (int i = 0; i < 2_000 && !"AUDIT_UNAVAILABLE".equals(code); i++) {
                    var answer = RestAssured.given().baseUri(gateway.baseUrl())
                            .auth().oauth2(Tokens.agency(setup.consumer())).get(record);
                    code = answer.statusCode() == 200 ? null : answer.jsonPath().getString("code");
                    answers.add(answer.statusCode() + (code == null ? "" : " " + code));
                }
                assertEquals("AUDIT_UNAVAILABLE", code, "reads go on until the journal is full: "
                        + answers.stream().distinct().toList() + "\n" + gateway.output());
                gateway.as(Tokens.agency(setup.consumer())).get(record).then().statusCode(503)
                        .contentType("application/problem+json")
                        .body("code", org.hamcrest.Matchers.equalTo("AUDIT_UNAVAILABLE"));
                status = 503;
            } finally {
                postgres.restore();
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline && status != 200) {
                Thread.sleep(250);
                status = RestAssured.given().baseUri(gateway.baseUrl()).auth().oauth2(Tokens.agency(setup.consumer()))
                        .get(record).statusCode();
            }
            assertEquals(200, status, "reads are answered again once shipping freed the journal");
        }
    }

    /** The gateway's environment with both of its ways to the database led through the proxy. */
    private static Map<String, String> throughProxy(TcpProxy postgres, Map<String, String> more) {
        String proxied = "postgresql://127.0.0.1:" + postgres.port() + DATABASE.getRawPath()
                + (DATABASE.getRawQuery() == null ? "" : "?" + DATABASE.getRawQuery());
        Map<String, String> env = new HashMap<>(ENV);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", proxied);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:" + proxied);
        env.putAll(more);
        return env;
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    private int send(String url, String agency, String requestId, String ndjson) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + Tokens.agency(agency)).header("X-Request-Id", requestId);
        if (ndjson != null) {
            request.header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(ndjson, StandardCharsets.UTF_8));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception gone) {
            return 0;
        }
    }

    private static List<String> strings(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(JDBC, "postgres", "");
             PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (r.next()) {
                values.add(r.getString(1));
            }
            return values;
        }
    }

    private static long count(String sql) throws Exception {
        return Long.parseLong(strings(sql).get(0));
    }
}
