package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/api.md, "Records": a provider pushes its records (Art. 11, 13); every item is checked (Art. 16). */
@QuarkusTest
class RecordPushTest {

    private static final String NDJSON = "application/x-ndjson";

    private String provider;
    private String dataset;

    @BeforeEach
    void aProviderWithAPersonDataset() {
        provider = Platform.registerSignedAgency("市公安局");
        dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
    }

    private static String item(String key, String name) {
        return "{\"key\":\"" + key + "\",\"data\":{\"name\":\"" + name + "\",\"birthDate\":\"1950-01-01\"}}";
    }

    private JsonPath push(String contentType, Object body, String mode, int status) {
        var request = asAgency(provider).contentType(contentType).body(body);
        if (mode != null) {
            request.queryParam("mode", mode);
        }
        return request.post("/api/v1/datasets/" + dataset + "/records").then().statusCode(status).extract().jsonPath();
    }

    private JsonPath read(String key) {
        return asAgency(provider).get("/api/v1/datasets/" + dataset + "/records/" + key)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void ndjsonItemsArePushedAndReadBackByKey() {
        String a = TestKeys.person(1);
        String b = TestKeys.person(2);
        JsonPath summary = push(NDJSON, item(a, "王秀英") + "\n" + item(b, "李建国") + "\n", null, 200);
        assertEquals(2, summary.getInt("received"));
        assertEquals(2, summary.getInt("accepted"));
        assertEquals(0, summary.getInt("unchanged"));
        assertEquals(0, summary.getInt("rejected"));
        assertEquals(List.of(), summary.getList("errors"));
        org.junit.jupiter.api.Assertions.assertNotNull(summary.getString("cursor"));

        JsonPath record = read(a);
        assertEquals(a, record.getString("key"));
        assertEquals("王秀英", record.getString("data.name"));
        assertEquals("1950-01-01", record.getString("data.birthDate"));
        assertEquals(1, record.getInt("version"));
        org.junit.jupiter.api.Assertions.assertNotNull(record.getString("updatedAt"));
        assertEquals("李建国", read(b).getString("data.name"));
    }

    @Test
    void aJsonArrayIsPushedTheSameWay() {
        String a = TestKeys.person(3);
        JsonPath summary = push("application/json", "[" + item(a, "张伟") + "," + item(TestKeys.person(4), "刘洋") + "]",
                null, 200);
        assertEquals(2, summary.getInt("accepted"));
        assertEquals("张伟", read(a).getString("data.name"));
    }

    @Test
    void aGzipBodyIsAccepted() throws Exception {
        String a = TestKeys.person(5);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write((item(a, "陈静") + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        JsonPath summary = asAgency(provider).contentType(NDJSON).header("Content-Encoding", "gzip")
                .body(zipped.toByteArray()).post("/api/v1/datasets/" + dataset + "/records")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, summary.getInt("accepted"));
        assertEquals("陈静", read(a).getString("data.name"));
    }

    @Test
    void aKeyIsAcceptedInAnyFormAndStoredCanonically() {
        String upper = "11010519491231002X";
        push(NDJSON, item(upper.toLowerCase(), "赵敏"), null, 200);
        assertEquals(upper, read(upper).getString("key"));
        assertEquals(upper, read(upper.toLowerCase()).getString("key"));
    }

    @Test
    void partialPushesStoreValidItemsAndReportEveryInvalidOneByLine() {
        String good = TestKeys.person(10);
        String body = String.join("\n",
                item(good, "好的"),                                                      // 1
                "{\"key\": \"" + TestKeys.person(11) + "\", \"data\": {",                // 2 malformed JSON
                item("110105194912310021", "坏的"),                                      // 3 bad check character
                "{\"key\":\"" + TestKeys.person(12) + "\",\"data\":{\"birthDate\":\"1950-01-01\"}}", // 4 missing name
                "{\"key\":\"" + TestKeys.person(13) + "\",\"data\":{\"name\":42}}",       // 5 wrong type
                "{\"key\":\"" + TestKeys.person(14) + "\",\"data\":{\"name\":\"x\",\"nmae\":\"y\"}}", // 6 unknown field
                "{\"key\":\"" + TestKeys.person(15) + "\",\"data\":{\"name\":\"" + "长".repeat(350_000) + "\"}}", // 7 > 1 MiB
                "",                                                                      // 8 blank: not an item
                item(TestKeys.person(16), "末行"));                                      // 9
        JsonPath summary = push(NDJSON, body, null, 200);
        assertEquals(8, summary.getInt("received"));
        assertEquals(2, summary.getInt("accepted"));
        assertEquals(6, summary.getInt("rejected"));
        assertEquals(List.of(2, 3, 4, 5, 6, 7), summary.getList("errors.line"));
        assertEquals(List.of("MALFORMED_JSON", "INVALID_KEY", "SCHEMA_VIOLATION", "SCHEMA_VIOLATION",
                "SCHEMA_VIOLATION", "LINE_TOO_LONG"), summary.getList("errors.code"));
        assertEquals("110105194912310021", summary.getString("errors[1].key"));
        org.hamcrest.MatcherAssert.assertThat(summary.getString("errors[2].message"), containsString("name"));
        org.hamcrest.MatcherAssert.assertThat(summary.getString("errors[4].message"), containsString("nmae"));
        assertEquals("好的", read(good).getString("data.name"));
        asAgency(provider).get("/api/v1/datasets/" + dataset + "/records/" + TestKeys.person(12)).then().statusCode(404);
    }

    @Test
    void anAtomicPushWithAnInvalidItemStoresNothing() {
        String a = TestKeys.person(20);
        String body = item(a, "甲") + "\n" + item("not-a-key", "乙") + "\n";
        var problem = asAgency(provider).contentType(NDJSON).queryParam("mode", "atomic").body(body)
                .post("/api/v1/datasets/" + dataset + "/records").then();
        assertProblem(problem, 422, "BATCH_REJECTED")
                .body("received", equalTo(2)).body("accepted", equalTo(0)).body("rejected", equalTo(1))
                .body("errors", hasSize(1)).body("errors[0].line", equalTo(2)).body("errors[0].code", equalTo("INVALID_KEY"));
        assertProblem(asAgency(provider).get("/api/v1/datasets/" + dataset + "/records/" + a).then(), 404, "NOT_FOUND");

        JsonPath ok = push(NDJSON, body.replace("not-a-key", TestKeys.person(21)), "atomic", 200);
        assertEquals(2, ok.getInt("accepted"));
        assertEquals("甲", read(a).getString("data.name"));
    }

    @Test
    void aKeyGivenTwiceInOneBodyKeepsItsLastOccurrence() {
        String a = TestKeys.person(30);
        JsonPath summary = push(NDJSON, item(a, "first") + "\n" + item(a, "second") + "\n", null, 200);
        assertEquals(2, summary.getInt("accepted"));
        assertEquals("second", read(a).getString("data.name"));
        assertEquals(1, read(a).getInt("version"));
    }

    @Test
    void anIdenticalItemIsUnchangedAndMakesNoNewVersion() {
        String a = TestKeys.person(40);
        push(NDJSON, item(a, "同一"), null, 200);
        JsonPath again = push(NDJSON, item(a, "同一"), null, 200);
        assertEquals(0, again.getInt("accepted"));
        assertEquals(1, again.getInt("unchanged"));
        assertEquals(1, read(a).getInt("version"));

        JsonPath changed = push(NDJSON, item(a, "改了"), null, 200);
        assertEquals(1, changed.getInt("accepted"));
        assertEquals(2, read(a).getInt("version"));
    }

    @Test
    void aRemovedRecordIsGoneFromLookups() {
        String a = TestKeys.person(50);
        push(NDJSON, item(a, "将删"), null, 200);
        JsonPath removal = push(NDJSON, "{\"key\":\"" + a + "\",\"deleted\":true}", null, 200);
        assertEquals(1, removal.getInt("accepted"));
        assertProblem(asAgency(provider).get("/api/v1/datasets/" + dataset + "/records/" + a).then(), 404, "NOT_FOUND");
        // Removing what is not there changes nothing.
        assertEquals(1, push(NDJSON, "{\"key\":\"" + a + "\",\"deleted\":true}", null, 200).getInt("unchanged"));
        // Pushed again, it is back with a new version.
        push(NDJSON, item(a, "复活"), null, 200);
        assertEquals(3, read(a).getInt("version"));
    }

    @Test
    void onlyTheProviderPushes() {
        String other = Platform.registerSignedAgency("市民政局");
        assertProblem(asAgency(other).contentType(NDJSON).body(item(TestKeys.person(60), "x"))
                .post("/api/v1/datasets/" + dataset + "/records").then(), 403, "NOT_PROVIDER");
        assertProblem(org.cityplatform.exchange.support.Http.as(Tokens.center()).contentType(NDJSON)
                .body(item(TestKeys.person(60), "x")).post("/api/v1/datasets/" + dataset + "/records").then(),
                403, "NOT_PROVIDER");
        assertProblem(org.cityplatform.exchange.support.Http.anonymous().contentType(NDJSON).body(item(TestKeys.person(60), "x"))
                .post("/api/v1/datasets/" + dataset + "/records").then(), 401, "UNAUTHENTICATED");
    }

    @Test
    void aDatasetWaitingForClassificationTakesNoRecords() {
        String code = org.cityplatform.exchange.support.TestCodes.datasetCode("pending");
        asAgency(provider).contentType("application/json").body(java.util.Map.of("code", code, "name", "待分类",
                        "provider", provider, "subjectType", "PERSON", "updateCycle", "DAILY",
                        "fields", List.of(java.util.Map.of("name", "name", "type", "STRING"))))
                .post("/api/v1/datasets").then().statusCode(201);
        assertProblem(asAgency(provider).contentType(NDJSON).body(item(TestKeys.person(61), "x"))
                .post("/api/v1/datasets/" + code + "/records").then(), 409, "DATASET_NOT_ACTIVE");
    }

    @Test
    void badRequestsAreProblems() {
        assertProblem(asAgency(provider).contentType("text/plain").body("x")
                .post("/api/v1/datasets/" + dataset + "/records").then(), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(asAgency(provider).contentType(NDJSON).queryParam("mode", "all-or-nothing").body("x")
                .post("/api/v1/datasets/" + dataset + "/records").then(), 400, "INVALID_REQUEST");
        assertProblem(asAgency(provider).contentType(NDJSON).body(item(TestKeys.person(62), "x"))
                .post("/api/v1/datasets/no-such-dataset/records").then(), 404, "NOT_FOUND");
        JsonPath brokenArray = push("application/json", "[" + item(TestKeys.person(63), "x") + ", {", null, 200);
        assertEquals(1, brokenArray.getInt("accepted"));
        assertEquals("MALFORMED_JSON", brokenArray.getString("errors[0].code"));
        JsonPath empty = push(NDJSON, "", null, 200);
        assertEquals(0, empty.getInt("received"));
    }

    @Test
    void lookupsOfBadKeysAreProblems() {
        assertProblem(asAgency(provider).get("/api/v1/datasets/" + dataset + "/records/123").then(), 400, "INVALID_KEY")
                .body("detail", notNullValue());
        assertProblem(asAgency(provider).get("/api/v1/datasets/" + dataset + "/records/" + TestKeys.person(999_999)).then(),
                404, "NOT_FOUND");
    }
}
