package org.cityplatform.exchange.records;

import static io.restassured.RestAssured.given;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.cityplatform.exchange.support.DatabaseSessions;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.RawHttp;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md, "Records": push and export. However its client behaves (stalls, trickles, leaves,
 * sends a broken or unknown encoding, stops reading), a push or an export ends within bounded
 * time and gives its connection back with no transaction left open, and pushes never take a
 * connection the reads need. Bounds are small here so that they are reached quickly.
 */
@QuarkusTest
@TestProfile(StreamBoundsTest.SmallBounds.class)
class StreamBoundsTest {

    public static class SmallBounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "exchange.push.idle-timeout", "3s",
                    "exchange.push.max-duration", "6s",
                    "exchange.push.max-concurrent-per-agency", "2",
                    "quarkus.datasource.pushes.reactive.max-size", "3",
                    "exchange.database.acquire-timeout", "1s",
                    "exchange.export.stall-timeout", "2s",
                    "exchange.export.max-concurrent", "2");
        }
    }

    private String provider;
    private String dataset;
    private long next = System.nanoTime() % 100_000;

    @BeforeEach
    void aProviderWithADataset() {
        provider = Platform.registerSignedAgency("市公安局");
        dataset = Platform.registerPersonDataset(provider, "CONDITIONAL");
    }

    private String key() {
        return TestKeys.person(next++);
    }

    private RawHttp pushHead(String agency, String mode, String... headers) throws Exception {
        List<String> all = new ArrayList<>(List.of("Authorization: Bearer " + Tokens.agency(agency),
                "Content-Type: application/x-ndjson"));
        all.addAll(Arrays.asList(headers));
        return RawHttp.connect().head("POST /api/v1/datasets/" + dataset + "/records?mode=" + mode,
                all.toArray(new String[0]));
    }

    private void assertNotStored(String key) {
        assertProblem(asAgency(provider).get("/api/v1/datasets/" + dataset + "/records/" + key).then(), 404, "NOT_FOUND");
    }

    private static void assertNothingLeftOpen() throws InterruptedException {
        // The connection goes back a moment after the answer: give it that moment.
        for (int i = 0; i < 50 && DatabaseSessions.inState("idle in transaction") > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, DatabaseSessions.inState("idle in transaction"), "a transaction was left open");
    }

    private void assertOthersStillServed() {
        assertStillServed(provider, dataset);
    }

    private void assertStillServed(String agency, String itsDataset) {
        String key = key();
        Platform.push(agency, itsDataset, Platform.person(key, "王秀英", "长宁路1号"));
        asAgency(agency).get("/api/v1/datasets/" + itsDataset + "/records/" + key).then().statusCode(200);
        given().auth().oauth2(Tokens.center()).get("/api/v1/agencies").then().statusCode(200);
        given().get("/open/v1/datasets").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void aBodyThatStallsIsEndedWith408AndAnAtomicPushStoresNothing() throws Exception {
        String key = key();
        try (RawHttp push = pushHead(provider, "atomic", "Content-Length: 100000")) {
            push.send(Platform.person(key, "李娜", "武康路2号"));
            Thread.sleep(500);
            // Staging an atomic push holds no transaction while its body streams.
            assertEquals(0, DatabaseSessions.inState("idle in transaction"));
            RawHttp.Answer answer = push.answer(5_000);
            assertEquals(408, answer.status(), answer.text());
            assertTrue(answer.body().contains("\"code\":\"REQUEST_TIMEOUT\""), answer.body());
            assertTrue(answer.body().contains("nothing of this atomic push was stored"), answer.body());
            assertTrue(push.closesWithin(2000), "the connection closes: the rest of the body is not read");
        }
        assertNotStored(key);
        assertNothingLeftOpen();
        assertOthersStillServed();
    }

    @Test
    void aStalledPartialPushSaysHowFarItStored() throws Exception {
        try (RawHttp push = pushHead(provider, "partial", "Content-Length: 100000")) {
            push.send(Platform.person(key(), "李娜", "武康路2号"));
            RawHttp.Answer answer = push.answer(5_000);
            assertEquals(408, answer.status(), answer.text());
            JsonPath problem = JsonPath.from(answer.body());
            assertEquals("REQUEST_TIMEOUT", problem.getString("code"));
            assertEquals(0, problem.getInt("storedThroughLine"));
        }
        assertNothingLeftOpen();
    }

    @Test
    void aPushStillTricklingAtItsMaximumDurationIsEndedWith408() throws Exception {
        long started = System.nanoTime();
        try (RawHttp push = pushHead(provider, "atomic", "Transfer-Encoding: chunked")) {
            RawHttp.Answer answer = null;
            while (System.nanoTime() - started < 12_000_000_000L) {
                push.send("1\r\n\n\r\n"); // one blank line at a time: never idle, never done
                answer = push.answer(400);
                if (answer.status() > 0) {
                    break;
                }
            }
            assertEquals(408, answer.status(), answer.text());
            assertTrue(answer.body().contains("maximum"), answer.body());
        }
        assertNothingLeftOpen();
    }

    @Test
    void clientsThatLeaveMidBodyGiveEverythingBack() throws Exception {
        for (int i = 0; i < 40; i++) {
            try (RawHttp push = pushHead(provider, i % 2 == 0 ? "atomic" : "partial", "Content-Length: 1000000")) {
                push.send(Platform.person(key(), "李娜", "武康路2号"));
            }
        }
        assertNothingLeftOpen();
        // The last of them may still be admitted when their clients are gone: within moments,
        // every slot of the agency is back and it pushes again.
        int status = 0;
        for (int i = 0; i < 50 && status != 200; i++) {
            Thread.sleep(100);
            status = asAgency(provider).contentType("application/x-ndjson")
                    .body(Platform.person(key(), "王秀英", "长宁路1号")).post("/api/v1/datasets/" + dataset + "/records")
                    .statusCode();
        }
        assertEquals(200, status, "the agency's push slots were not all given back");
        // Another provider, not this one: the server may still be admitting one of the 40 pushes
        // whose clients left, and that one may hold a slot of this agency's for a moment.
        String other = Platform.registerSignedAgency("市税务局");
        assertStillServed(other, Platform.registerPersonDataset(other, "CONDITIONAL"));
    }

    @Test
    void aCorruptGzipBodyIsA400AndNothingOfAnAtomicPushIsStored() throws Exception {
        String key = key();
        byte[] body = gzip(Platform.person(key, "李娜", "武康路2号"));
        body[body.length - 8] ^= (byte) 0xff; // the CRC of the trailer
        for (String mode : List.of("atomic", "partial")) {
            JsonPath problem = assertProblem(asAgency(provider).contentType("application/x-ndjson")
                    .header("Content-Encoding", "gzip").body(body).queryParam("mode", mode)
                    .post("/api/v1/datasets/" + dataset + "/records").then(), 400, "MALFORMED_BODY")
                    .body("detail", containsString("corrupt")).extract().jsonPath();
            assertEquals(0, problem.getInt("accepted"));
        }
        assertNotStored(key);
        assertNothingLeftOpen();
        assertOthersStillServed();
    }

    @Test
    void aGzipBodyCutShortIsAnIncompletePushNotACompleteOne() throws Exception {
        String key = key();
        byte[] whole = gzip(Platform.person(key, "李娜", "武康路2号"));
        byte[] cut = Arrays.copyOf(whole, whole.length - 8); // no trailer
        assertProblem(asAgency(provider).contentType("application/x-ndjson").header("Content-Encoding", "gzip")
                .body(cut).queryParam("mode", "atomic").post("/api/v1/datasets/" + dataset + "/records").then(),
                400, "MALFORMED_BODY").body("detail", containsString("cut short"));
        assertNotStored(key);
    }

    @Test
    void aBodyThatIsNotGzipButSaysItIsIsA400() {
        assertProblem(asAgency(provider).contentType("application/x-ndjson").header("Content-Encoding", "gzip")
                .body(Platform.person(key(), "李娜", "武康路2号")).post("/api/v1/datasets/" + dataset + "/records").then(),
                400, "MALFORMED_BODY");
    }

    @Test
    void anEncodingTheGatewayDoesNotReadIsA415BeforeAnythingIsRead() {
        for (String encoding : List.of("br", "compress", "deflate, gzip")) {
            assertProblem(asAgency(provider).contentType("application/x-ndjson").header("Content-Encoding", encoding)
                    .body(Platform.person(key(), "李娜", "武康路2号")).post("/api/v1/datasets/" + dataset + "/records")
                    .then(), 415, "UNSUPPORTED_MEDIA_TYPE");
        }
    }

    @Test
    void oneAgencyHoldsAtMostItsShareOfConcurrentPushes() throws Exception {
        try (RawHttp first = pushHead(provider, "partial", "Transfer-Encoding: chunked");
             RawHttp second = pushHead(provider, "partial", "Transfer-Encoding: chunked")) {
            first.send("1\r\n\n\r\n");
            second.send("1\r\n\n\r\n");
            Thread.sleep(300);
            assertProblem(asAgency(provider).contentType("application/x-ndjson")
                    .body(Platform.person(key(), "李娜", "武康路2号")).post("/api/v1/datasets/" + dataset + "/records")
                    .then(), 429, "RATE_LIMITED").header("Retry-After", equalTo("5"));
            String other = Platform.registerSignedAgency("市税务局");
            String theirs = Platform.registerPersonDataset(other, "CONDITIONAL");
            Platform.push(other, theirs, Platform.person(key(), "张伟", "淮海路3号"));
        }
    }

    @Test
    void pushesThatHoldEveryPushConnectionTakeNoneOfTheReadsAndTheInstanceStaysReady() throws Exception {
        String other = Platform.registerSignedAgency("市税务局");
        String othersDataset = Platform.registerPersonDataset(other, "CONDITIONAL");
        String third = Platform.registerSignedAgency("市社保局");
        String thirdsDataset = Platform.registerPersonDataset(third, "CONDITIONAL");
        String key = key();
        Platform.push(provider, dataset, Platform.person(key, "王秀英", "长宁路1号"));
        List<RawHttp> holding = new ArrayList<>();
        try {
            holding.add(pushHead(provider, "partial", "Transfer-Encoding: chunked").send("1\r\n\n\r\n"));
            holding.add(pushHead(provider, "partial", "Transfer-Encoding: chunked").send("1\r\n\n\r\n"));
            holding.add(RawHttp.connect().head("POST /api/v1/datasets/" + othersDataset + "/records",
                    "Authorization: Bearer " + Tokens.agency(other), "Content-Type: application/x-ndjson",
                    "Transfer-Encoding: chunked").send("1\r\n\n\r\n"));
            Thread.sleep(300);
            // Backpressure on pushes, not an instance that cannot serve: taking it out of service would
            // let a few agencies' pushes take every instance out.
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'database' }.data.pushPool", containsString("BUSY"))
                    .body("checks.find { it.name == 'database' }.data.pool", equalTo("UP"));
            assertProblem(asAgency(third).contentType("application/x-ndjson")
                    .body(Platform.person(key(), "张伟", "淮海路3号")).post("/api/v1/datasets/" + thirdsDataset + "/records")
                    .then(), 503, "UNAVAILABLE").header("Retry-After", equalTo("5"));
            // The reads keep their own pool.
            asAgency(provider).get("/api/v1/datasets/" + dataset + "/records/" + key).then().statusCode(200);
        } finally {
            for (RawHttp push : holding) {
                push.close();
            }
        }
        assertNothingLeftOpen();
        for (int i = 0; i < 50 && given().get("/q/health/ready").statusCode() != 200; i++) {
            Thread.sleep(100);
        }
        assertOthersStillServed();
    }

    @Test
    void anExportWhoseClientStopsReadingIsCutOffAndGivesItsSnapshotBack() throws Exception {
        StringBuilder body = new StringBuilder();
        String padding = "长宁路".repeat(60);
        for (int i = 0; i < 20_000; i++) {
            body.append(Platform.person(key(), "王秀英", padding + i));
        }
        Platform.push(provider, dataset, body.toString());
        try (RawHttp export = RawHttp.connect(4096)) {
            export.head("GET /api/v1/datasets/" + dataset + "/export", "Authorization: Bearer " + Tokens.agency(provider),
                    "Accept: application/x-ndjson");
            Thread.sleep(1000);
            assertEquals(1, DatabaseSessions.inState("idle in transaction"), "the export holds its snapshot");
            Thread.sleep(3000);
            assertNothingLeftOpen();
        }
        assertOthersStillServed();
    }

    @Test
    void everyMemberOfAMultiMemberGzipBodyIsStored() throws Exception {
        String first = key();
        String second = key();
        byte[] body = concat(gzip(Platform.person(first, "李娜", "武康路2号")), gzip(Platform.person(second, "张伟", "淮海路3号")));
        JsonPath summary = asAgency(provider).contentType("application/x-ndjson").header("Content-Encoding", "gzip")
                .queryParam("mode", "atomic").body(body).post("/api/v1/datasets/" + dataset + "/records")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, summary.getInt("accepted"));
        asAgency(provider).get("/api/v1/datasets/" + dataset + "/records/" + second).then().statusCode(200);
    }

    @Test
    void bytesAfterTheLastGzipMemberAreA400AndAnAtomicPushStoresNothing() throws Exception {
        String key = key();
        for (byte[] tail : List.of("GARBAGE".getBytes(StandardCharsets.US_ASCII), new byte[16])) {
            assertProblem(asAgency(provider).contentType("application/x-ndjson").header("Content-Encoding", "gzip")
                    .queryParam("mode", "atomic").body(concat(gzip(Platform.person(key, "李娜", "武康路2号")), tail))
                    .post("/api/v1/datasets/" + dataset + "/records").then(), 400, "MALFORMED_BODY");
        }
        assertNotStored(key);
    }

    @Test
    void aContentTypeThatIsNoPushFormatOrACharsetThatIsNotAsciiCompatibleIsA415() {
        for (String type : List.of(";", ";;", "application/x-ndjson; charset=utf-16", "application/json;charset=UTF-32BE",
                "application/x-ndjson;charset=IBM037", "application/x-ndjson;charset=no-such-charset")) {
            assertProblem(asAgency(provider).contentType(type)
                    .body(Platform.person(key(), "李娜", "武康路2号").getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/datasets/" + dataset + "/records").then(), 415, "UNSUPPORTED_MEDIA_TYPE");
        }
        // Read as UTF-8 whatever ASCII-compatible label a client adds by default.
        asAgency(provider).contentType("application/x-ndjson; charset=ISO-8859-1")
                .body(Platform.person(key(), "李娜", "武康路2号").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/datasets/" + dataset + "/records").then().statusCode(200);
    }

    @Test
    void itemsThatNeverReachTheDatabaseCannotHoldTheLoopOthersShare() throws Exception {
        // A small body that inflates to hundreds of megabytes of invalid items: nothing is written,
        // so no database backpressure ever slows the reading.
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        byte[] invalid = "{\"key\":\"x\"}\n".repeat(8192).getBytes(StandardCharsets.UTF_8);
        try (GZIPOutputStream out = new GZIPOutputStream(bomb)) {
            for (int i = 0; i < 2_500; i++) {
                out.write(invalid);
            }
        }
        try (RawHttp push = pushHead(provider, "partial", "Content-Encoding: gzip", "Content-Length: " + bomb.size())) {
            push.send(bomb.toByteArray());
            Thread.sleep(300);
            for (int i = 0; i < 6; i++) {
                // New connections land on every event loop, the push's too.
                assertTrue(RawHttp.exchange("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .startsWith("HTTP/1.1 200"), "liveness answered while the push is read");
            }
        }
        // The client left: its push stops being read at the next turn, not when its body is done.
        assertTrue(awaitNoPushOpen(), "the push was still read after its client left");
        assertOthersStillServed();
    }

    @Test
    void exportsBeyondTheInstancesCapacityAreRefusedWithRetryAfter() throws Exception {
        StringBuilder body = new StringBuilder();
        String padding = "长宁路".repeat(60);
        for (int i = 0; i < 20_000; i++) {
            body.append(Platform.person(key(), "王秀英", padding + i));
        }
        Platform.push(provider, dataset, body.toString());
        try (RawHttp first = RawHttp.connect(4096); RawHttp second = RawHttp.connect(4096)) {
            for (RawHttp export : List.of(first, second)) {
                export.head("GET /api/v1/datasets/" + dataset + "/export", "Authorization: Bearer "
                        + Tokens.agency(provider), "Accept: application/x-ndjson");
            }
            Thread.sleep(500);
            assertProblem(asAgency(provider).get("/api/v1/datasets/" + dataset + "/export").then(), 429, "RATE_LIMITED")
                    .header("Retry-After", equalTo("5")).body("detail", containsString("this instance"));
        }
        assertNothingLeftOpen();
        asAgency(provider).get("/api/v1/datasets/" + dataset + "/export").then().statusCode(200);
    }

    private static boolean awaitNoPushOpen() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            String metrics = given().get("/q/metrics").asString();
            if (metrics.contains("exchange_push_streams_open 0.0")) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
