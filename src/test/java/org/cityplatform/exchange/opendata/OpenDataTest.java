package org.cityplatform.exchange.opendata;

import static io.restassured.RestAssured.given;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.cityplatform.exchange.support.Http;
import org.cityplatform.exchange.support.LegacyCatalog;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/api.md, "Open data (Art. 23, 25)": what a provider may open, and what anyone then reads without login. */
@QuarkusTest
@TestProfile(OpenDataProfile.class)
class OpenDataTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private String provider;
    private String persons;
    private String client;

    @BeforeEach
    void aProviderWithAnUnconditionalPersonDataset() {
        client = "198.51.100." + ADDRESSES.incrementAndGet();
        provider = Platform.registerSignedAgency("市民政局");
        persons = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        Platform.push(provider, persons, Platform.person(TestKeys.person(1), "王秀英", "北京路1号")
                + Platform.person(TestKeys.person(2), "李娜", "南京路2号")
                // A name field that carries an identity number must not leak it through open data.
                + "{\"key\":\"" + TestKeys.person(3) + "\",\"data\":{\"name\":\"见 " + TestKeys.person(3)
                + "\",\"birthDate\":\"1950-01-01\"}}\n");
    }

    /** Anyone, without login, from this test's own address. */
    private RequestSpecification anyone() {
        // What the client wrote itself comes first and is ignored; the proxy appended the address.
        return Http.anonymous().header("X-Forwarded-For", "192.0.2.250, " + client);
    }

    private static Map<String, Object> fields(String... names) {
        return Map.of("fields", List.of(names));
    }

    private io.restassured.response.ValidatableResponse open(String token, String dataset, Object body) {
        return Http.as(token).contentType(ContentType.JSON).body(body)
                .put("/api/v1/datasets/" + dataset + "/open").then();
    }

    /** Opened and approved by the center, as personal data needs (Art. 24): published now. */
    private void openApproved(String dataset, Object body) {
        Platform.openPersonData(provider, dataset, body);
    }

    @Test
    void theProviderOpensAnUnconditionalDatasetWithTheFieldsItPublishes_Art23() {
        openApproved(persons, Map.of("fields", List.of("name", "birthDate"),
                "title", "户籍人口（公开）", "description", "姓名与出生日期"));
        anyone().get("/open/v1/datasets/" + persons).then().statusCode(200)
                .body("code", equalTo(persons))
                .body("title", equalTo("户籍人口（公开）"))
                .body("provider", equalTo(provider))
                .body("keyPublished", equalTo(false))
                .body("fields.name", equalTo(List.of("name", "birthDate")))
                .body("export", equalTo("/open/v1/datasets/" + persons + "/export"));

        JsonPath listing = anyone().get("/open/v1/datasets").then().statusCode(200).extract().jsonPath();
        Map<String, Object> entry = listing.getMap("datasets.find { it.code == '" + persons + "' }");
        assertEquals("市民政局", entry.get("providerName"));
        assertEquals(List.of(Map.of("name", "name", "type", "STRING", "description", "姓名"),
                Map.of("name", "birthDate", "type", "DATE", "description", "出生日期")), entry.get("fields"));
        assertTrue(entry.get("openedAt").toString().matches("\\d{4}-\\d\\d-\\d\\dT.*"), entry.toString());
        anyone().get("/open/v1/datasets/" + persons).then().statusCode(200).body("name", startsWith("户籍人口"));
    }

    @Test
    void onlyTheProviderMayOpenOrWithdraw_theCenterNeither_Art23() {
        String other = Platform.registerSignedAgency("市卫健委");
        assertProblem(open(Tokens.agency(other), persons, fields("name")), 403, "NOT_PROVIDER");
        assertProblem(open(Tokens.center(), persons, fields("name")), 403, "NOT_PROVIDER");
        assertProblem(open(Tokens.ops(), persons, fields("name")), 403, "FORBIDDEN_ROLE");
        assertProblem(Http.anonymous().contentType(ContentType.JSON).body(fields("name"))
                .put("/api/v1/datasets/" + persons + "/open").then(), 401, "UNAUTHENTICATED");
        open(Tokens.agency(provider), persons, fields("name")).statusCode(202);
        assertProblem(Http.as(Tokens.center()).delete("/api/v1/datasets/" + persons + "/open").then(), 403, "NOT_PROVIDER");
        assertProblem(Http.asAgency(other).delete("/api/v1/datasets/" + persons + "/open").then(), 403, "NOT_PROVIDER");
    }

    @Test
    void sensitiveFieldsAndAPersonsKeyAreNeverOpened_Art25() {
        // Art. 8 keeps sensitive fields out of UNCONDITIONAL datasets now; one stored before may still have them.
        String legacy = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        LegacyCatalog.markSensitive(legacy, "address");
        assertProblem(open(Tokens.agency(provider), legacy, fields("name", "address")), 409, "NOT_OPENABLE")
                .body("detail", org.hamcrest.Matchers.containsString("address"));
        assertProblem(open(Tokens.agency(provider), persons, fields("key", "name")), 409, "NOT_OPENABLE");
        anyone().get("/open/v1/datasets").then().statusCode(200).body("datasets.code", not(hasItem(persons)));
    }

    @Test
    void onlyActiveUnconditionalDataIsOpenable_Art23() {
        String conditional = Platform.registerPersonDataset(provider, "CONDITIONAL");
        assertProblem(open(Tokens.agency(provider), conditional, fields("name")), 409, "NOT_OPENABLE");
        String special = Platform.registerPersonDataset(provider, "SPECIAL");
        assertProblem(open(Tokens.agency(provider), special, fields("name")), 409, "NOT_OPENABLE");
        String pending = TestCodes.datasetCode("pending");
        Http.asAgency(provider).contentType(ContentType.JSON).body(Map.of("code", pending, "name", "待分级",
                        "provider", provider, "subjectType", "OBJECT", "sharingClass", "UNCONDITIONAL",
                        "updateCycle", "DAILY", "fields", List.of(Map.of("name", "kind", "type", "STRING"))))
                .post("/api/v1/datasets").then().statusCode(201);
        assertProblem(open(Tokens.agency(provider), pending, fields("kind")), 409, "NOT_OPENABLE");
    }

    @Test
    void art33_aRetiredDatasetIsNoLongerOpenDataAndItsExportIs410() {
        java.time.LocalDate today = org.cityplatform.exchange.infra.CityDays.today(java.time.Clock.systemUTC());
        openApproved(persons, fields("name"));
        String later = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        Platform.push(provider, later, Platform.person(TestKeys.person(4), "张伟", "西藏路4号"));
        openApproved(later, fields("name"));
        retire(persons, today);
        retire(later, today.plusDays(30));

        assertProblem(anyone().get("/open/v1/datasets/" + persons + "/export").then(), 410, "DATASET_RETIRED");
        // A retiring dataset is open data as before until its day.
        anyone().get("/open/v1/datasets").then().statusCode(200)
                .body("datasets.code", not(hasItem(persons))).body("datasets.code", hasItem(later));
        anyone().get("/open/v1/datasets/" + later + "/export").then().statusCode(200);
    }

    private void retire(String dataset, java.time.LocalDate effectiveOn) {
        Http.asAgency(provider).contentType(ContentType.JSON)
                .body(Map.of("reason", "并入人口综合库", "effectiveOn", effectiveOn.toString()))
                .post("/api/v1/datasets/" + dataset + "/retire").then().statusCode(200);
    }

    @Test
    void badOpeningsAreClearProblems() {
        assertProblem(open(Tokens.agency(provider), persons, fields("name", "religion")), 400, "UNKNOWN_FIELD")
                .body("detail", org.hamcrest.Matchers.containsString("religion"));
        assertProblem(open(Tokens.agency(provider), persons, fields()), 400, "INVALID_REQUEST");
        assertProblem(open(Tokens.agency(provider), persons, fields("name", "name")), 400, "INVALID_REQUEST");
        assertProblem(open(Tokens.agency(provider), persons, Map.of()), 400, "INVALID_REQUEST");
        assertProblem(open(Tokens.agency(provider), persons, "{\"fields\":\"name\"}"), 400, "INVALID_REQUEST");
        assertProblem(open(Tokens.agency(provider), "no-such-dataset", fields("name")), 404, "NOT_FOUND");
        assertProblem(Http.asAgency(provider).delete("/api/v1/datasets/" + persons + "/open").then(), 404, "NOT_FOUND");
    }

    @Test
    void anyoneExportsAnOpenPersonDatasetAsNdjsonWithExactlyThePublishedFieldsAndNoKey_Art25() {
        openApproved(persons, fields("birthDate", "name"));
        String body = anyone().get("/open/v1/datasets/" + persons + "/export")
                .then().statusCode(200).contentType("application/x-ndjson").extract().asString();
        List<String> lines = body.lines().toList();
        assertEquals(3, lines.size(), body);
        for (String line : lines) {
            Map<String, Object> record = JsonPath.from(line).getMap("");
            assertEquals(Set.of("data", "version", "updatedAt"), record.keySet(), line);
            assertEquals(Set.of("name", "birthDate"), JsonPath.from(line).getMap("data").keySet(), line);
        }
        for (int i = 1; i <= 3; i++) {
            assertFalse(body.contains(TestKeys.person(i)), "a resident identity number left: " + body);
        }
        assertFalse(body.contains("北京路"), "a sensitive field left: " + body);
        List<Object> names = lines.stream().map(l -> JsonPath.from(l).get("data.name")).toList();
        assertTrue(names.contains("王秀英"), body);
        assertTrue(names.contains(null), "the name holding an identity number is withheld: " + body);
    }

    @Test
    void anyoneExportsAnOpenPersonDatasetAsCsvWithOnlyThePublishedColumns_Art25() {
        openApproved(persons, fields("name"));
        String csv = new String(anyone().accept("text/csv").get("/open/v1/datasets/" + persons + "/export")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asByteArray(), StandardCharsets.UTF_8);
        List<String> rows = csv.lines().toList();
        assertEquals("name", rows.get(0));
        assertEquals(4, rows.size(), csv);
        assertTrue(rows.contains("王秀英"), csv);
        assertTrue(rows.contains(""), "the withheld name is an empty cell: " + csv);
        for (int i = 1; i <= 3; i++) {
            assertFalse(csv.contains(TestKeys.person(i)), csv);
        }
    }

    @Test
    void anEntityDatasetMayPublishItsKey_aCompanysCreditCodeIsPublic_Art23() {
        String companies = TestCodes.datasetCode("companies");
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("code", companies, "name", "企业登记信息", "provider", provider,
                        "subjectType", "ENTITY", "sharingClass", "UNCONDITIONAL", "updateCycle", "DAILY",
                        "fields", List.of(Map.of("name", "name", "type", "STRING", "description", "企业名称"),
                                Map.of("name", "capital", "type", "NUMBER"),
                                Map.of("name", "legalRepPhone", "type", "STRING"))))
                .post("/api/v1/datasets").then().statusCode(201);
        String company = TestCodes.creditCode();
        Platform.push(provider, companies, "{\"key\":\"" + company
                + "\",\"data\":{\"name\":\"市自来水公司\",\"capital\":1000000,\"legalRepPhone\":\"13800000000\"}}\n");
        open(Tokens.agency(provider), companies, fields("key", "name", "capital")).statusCode(200)
                .body("keyPublished", equalTo(true)).body("fields.name", equalTo(List.of("name", "capital")));

        String line = anyone().get("/open/v1/datasets/" + companies + "/export").then().statusCode(200).extract().asString().strip();
        assertEquals(company, JsonPath.from(line).getString("key"));
        assertEquals(Map.of("name", "市自来水公司", "capital", 1000000), JsonPath.from(line).getMap("data"));
        String csv = new String(anyone().accept("text/csv").get("/open/v1/datasets/" + companies + "/export")
                .then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
        assertEquals("key,name,capital\r\n" + company + ",市自来水公司,1000000\r\n", csv);
    }

    /** The same digits as full-width characters (０-９, Ｘ), as some forms and input methods write them. */
    private static String fullWidth(String key) {
        StringBuilder out = new StringBuilder();
        key.chars().forEach(c -> out.append((char) (c == 'X' ? 'Ｘ' : '０' + (c - '0'))));
        return out.toString();
    }

    @Test
    void identityNumbersInFullWidthDigitsOrSplitBySeparatorsAreWithheldToo_Art25() {
        String fullWidth = TestKeys.person(41);
        String spaced = TestKeys.person(42);
        String hyphenated = TestKeys.person(43);
        String mixed = TestKeys.person(44);
        Platform.push(provider, persons, Platform.person(TestKeys.person(41), "证件 " + fullWidth(fullWidth), "x")
                + Platform.person(TestKeys.person(42), "号码 " + spaced.substring(0, 6) + " " + spaced.substring(6, 14)
                        + " " + spaced.substring(14), "x")
                + Platform.person(TestKeys.person(43), hyphenated.substring(0, 6) + "-" + hyphenated.substring(6, 14)
                        + "－" + hyphenated.substring(14), "x")
                + Platform.person(TestKeys.person(44), fullWidth(mixed.substring(0, 6)) + "\u3000" + mixed.substring(6), "x")
                + Platform.person(TestKeys.person(45), "电话 021-6234 5678", "x"));
        openApproved(persons, fields("name"));

        String body = anyone().get("/open/v1/datasets/" + persons + "/export").then().statusCode(200).extract().asString();
        List<Object> names = body.lines().map(l -> JsonPath.from(l).get("data.name")).toList();
        assertEquals(8, names.size(), body);
        assertEquals(5, names.stream().filter(java.util.Objects::isNull).count(),
                "the four disguised numbers are withheld, and the plain one: " + body);
        assertTrue(names.contains("电话 021-6234 5678"), "a phone number is no identity number: " + body);
        String csv = new String(anyone().accept("text/csv").get("/open/v1/datasets/" + persons + "/export")
                .then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
        assertEquals(5, csv.lines().filter(String::isEmpty).count(), "withheld: empty cells in the CSV too: " + csv);
    }

    @Test
    void anOpenCsvExportCarriesNoFormulasAndKeepsNegativeNumbers() {
        String companies = TestCodes.datasetCode("companies");
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("code", companies, "name", "企业登记信息", "provider", provider,
                        "subjectType", "ENTITY", "sharingClass", "UNCONDITIONAL", "updateCycle", "DAILY",
                        "fields", List.of(Map.of("name", "name", "type", "STRING"), Map.of("name", "capital", "type", "NUMBER"))))
                .post("/api/v1/datasets").then().statusCode(201);
        String company = TestCodes.creditCode();
        Platform.push(provider, companies, "{\"key\":\"" + company
                + "\",\"data\":{\"name\":\"=HYPERLINK(\\\"http://x.example\\\",\\\"ok\\\")\",\"capital\":-5}}\n");
        open(Tokens.agency(provider), companies, fields("key", "name", "capital")).statusCode(200);
        String csv = new String(anyone().accept("text/csv").get("/open/v1/datasets/" + companies + "/export")
                .then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
        assertEquals("key,name,capital\r\n" + company + ",\"'=HYPERLINK(\"\"http://x.example\"\",\"\"ok\"\")\",-5\r\n", csv);
    }

    @Test
    void withdrawalTakesTheDatasetOutOfOpenData_Art23() {
        openApproved(persons, fields("name"));
        Http.asAgency(provider).delete("/api/v1/datasets/" + persons + "/open").then().statusCode(204);
        assertProblem(anyone().get("/open/v1/datasets/" + persons + "/export").then(), 404, "NOT_FOUND");
        assertProblem(anyone().get("/open/v1/datasets/" + persons).then(), 404, "NOT_FOUND");
        anyone().get("/open/v1/datasets").then().statusCode(200).body("datasets.code", not(hasItem(persons)));
    }

    @Test
    void reclassificationAwayFromUnconditionalClosesTheDataset_andItStaysClosed_Art23() {
        openApproved(persons, fields("name"));
        anyone().get("/open/v1/datasets/" + persons + "/export").then().statusCode(200);
        classify("CONDITIONAL");
        assertProblem(anyone().get("/open/v1/datasets/" + persons + "/export").then(), 404, "NOT_FOUND");
        anyone().get("/open/v1/datasets").then().statusCode(200).body("datasets.code", not(hasItem(persons)));
        // The consent was given for UNCONDITIONAL data; a later reclassification back does not revive it.
        classify("UNCONDITIONAL");
        Http.as(Tokens.agency(provider)).post("/api/v1/datasets/" + persons + "/classification/concur").then()
                .statusCode(200).body("sharingClass", equalTo("UNCONDITIONAL"));
        assertProblem(anyone().get("/open/v1/datasets/" + persons + "/export").then(), 404, "NOT_FOUND");
    }

    private void classify(String sharingClass) {
        Http.as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("sharingClass", sharingClass))
                .put("/api/v1/datasets/" + persons + "/classification").then().statusCode(200);
    }

    @Test
    void unknownOrClosedDatasetsAndUnsupportedFormatsAreProblems() {
        assertProblem(anyone().get("/open/v1/datasets/no-such-dataset/export").then(), 404, "NOT_FOUND");
        assertProblem(anyone().get("/open/v1/datasets/" + persons + "/export").then(), 404, "NOT_FOUND");
        openApproved(persons, fields("name"));
        assertProblem(anyone().accept("application/xml").get("/open/v1/datasets/" + persons + "/export").then(),
                406, "NOT_ACCEPTABLE");
    }

    @Test
    void openingIsAnOpeningEventAndEveryOpenExportAnAnonymousExportEvent_Art31() throws InterruptedException {
        openApproved(persons, fields("name"));
        anyone().get("/open/v1/datasets/" + persons + "/export").then().statusCode(200);
        Http.as(Tokens.center()).queryParam("dataset", persons).queryParam("action", "OPENING")
                .get("/api/v1/audit").then().statusCode(200)
                .body("events.find { it.agency == '" + provider + "' }.outcome", equalTo("OK"));
        // The closing event is written once the last byte left, so it may follow the answer.
        JsonPath exports = null;
        for (int i = 0; i < 50 && (exports == null || exports.getList("events").size() < 2); i++) {
            if (exports != null) {
                Thread.sleep(100);
            }
            exports = Http.as(Tokens.center()).queryParam("dataset", persons).queryParam("action", "EXPORT")
                    .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        }
        assertEquals("anonymous:" + client, exports.getString("events[0].sub"));
        assertNull(exports.get("events[0].agency"));
        assertEquals(2, exports.getList("events").size(), "one event before the first byte, one at the end");
    }
}
