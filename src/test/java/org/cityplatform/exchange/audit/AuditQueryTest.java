package org.cityplatform.exchange.audit;

import static org.cityplatform.exchange.support.Http.anonymous;
import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md, "Audit": the center reads the trail (Art. 31) — who read or changed which data, when and
 * for which case — newest first, narrowed by any combination of filters and paged by event id.
 */
@QuarkusTest
class AuditQueryTest {

    private static final String AUDIT = "/api/v1/audit";
    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

    @Test
    void theCenterFindsWhoReadAPersonsRecord_Art31() {
        String key = keyEndingInX();
        String police = Platform.registerSignedAgency("市公安局人口");
        String civil = Platform.registerSignedAgency("市民政局救助");
        String police2 = Platform.registerSignedAgency("市公安局出入境");
        String tax = Platform.registerSignedAgency("市税务局个税");
        String residents = Platform.registerPersonDataset(police, "UNCONDITIONAL");
        String welfare = Platform.registerPersonDataset(civil, "UNCONDITIONAL");
        Platform.push(police, residents, Platform.person(key, "赵六", "某路2号"));
        Platform.push(civil, welfare, Platform.person(key, "赵六", "低保"));

        String first = read(police2, residents, key, null);
        String second = read(tax, welfare, key.toLowerCase(), "PIT-2026-031 tax check");

        JsonPath trail = as(Tokens.center()).queryParam("subject", "  " + key.toLowerCase() + " ")
                .get(AUDIT).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(second, first), trail.getList("events.requestId"), "the readers of this person, newest first");
        assertEquals(List.of(tax, police2), trail.getList("events.agency"));
        assertEquals(List.of("system-" + tax, "system-" + police2), trail.getList("events.sub"));
        assertEquals(List.of(welfare, residents), trail.getList("events.dataset"));
        assertEquals(List.of(List.of(key), List.of(key)), trail.getList("events.subjects"), "stored in canonical form");
        assertEquals(List.of("READ", "READ"), trail.getList("events.action"));
        assertEquals(List.of("OK", "OK"), trail.getList("events.outcome"));
        assertEquals("PIT-2026-031 tax check", trail.getString("events[0].caseId"));
        assertNull(trail.get("events[1].caseId"));
        assertEquals(1, trail.getInt("events[0].count"));
        assertNull(trail.get("next"), "everything on one page");
        for (String at : trail.<String>getList("events.at")) {
            assertNotNull(OffsetDateTime.parse(at), "ISO-8601 with offset: " + at);
        }
    }

    @Test
    void refusedReadsAreFoundAsDeniedWithTheirCode() {
        String key = TestKeys.person(uniqueNumber());
        String provider = Platform.registerSignedAgency("市人社局");
        String unsigned = Platform.registerAgency("市档案馆调阅");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        Platform.push(provider, dataset, Platform.person(key, "钱七", "某里"));
        String refused = requestId();
        assertProblem(tagged(asAgency(unsigned), refused).get(record(dataset, key)).then(), 403, "AGREEMENT_REQUIRED");

        JsonPath denied = center().queryParam("subject", key).queryParam("outcome", "DENIED").get(AUDIT)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(refused), denied.getList("events.requestId"));
        assertEquals(unsigned, denied.getString("events[0].agency"));
        assertEquals("AGREEMENT_REQUIRED", denied.getString("events[0].code"));
        assertEquals(List.of(key), denied.getList("events[0].subjects"));
    }

    @Test
    void eachFilterNarrowsTheTrailAndFiltersCombine() {
        String k1 = TestKeys.person(uniqueNumber());
        String k2 = TestKeys.person(uniqueNumber());
        String missing = TestKeys.person(uniqueNumber());
        String provider = Platform.registerSignedAgency("市住建局");
        String a = Platform.registerSignedAgency("市公积金中心");
        String b = Platform.registerSignedAgency("市房管局");
        String unsigned = Platform.registerAgency("市拆迁办");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        Platform.push(provider, dataset, Platform.person(k1, "孙一", "甲小区") + Platform.person(k2, "孙二", "乙小区"));

        String aReadsK1 = read(a, dataset, k1, null);
        String bReadsK2 = read(b, dataset, k2, "FC-2026-088");
        String refused = requestId();
        assertProblem(tagged(asAgency(unsigned), refused).get(record(dataset, k1)).then(), 403, "AGREEMENT_REQUIRED");
        String notFound = requestId();
        assertProblem(tagged(asAgency(a), notFound).get(record(dataset, missing)).then(), 404, "NOT_FOUND");

        List<Map<String, Object>> all = events(Map.of("dataset", dataset));
        assertEquals(5, all.size(), "the push and four reads: " + all);
        assertEquals(List.of("READ", "READ", "READ", "READ", "PUSH"), all.stream().map(e -> e.get("action")).toList());

        Map<String, Object> push = single(Map.of("dataset", dataset, "action", "PUSH"));
        assertEquals(provider, push.get("agency"));
        assertEquals(List.of(), push.get("subjects"), "a push names no single subject");
        assertEquals(2, push.get("count"));
        assertEquals("1", push.get("cursorFrom"));
        assertEquals("2", push.get("cursorTo"));

        assertEquals(List.of(notFound, aReadsK1), requestIds(Map.of("dataset", dataset, "agency", a)));
        assertEquals(List.of(notFound, aReadsK1), requestIds(Map.of("dataset", dataset, "agency", a.toLowerCase())),
                "agency codes are upper case whatever the caller types");
        assertEquals(List.of(refused, aReadsK1), requestIds(Map.of("dataset", dataset, "subject", k1)));
        assertEquals(List.of(notFound, refused, bReadsK2, aReadsK1),
                requestIds(Map.of("dataset", dataset, "action", "READ")));
        assertEquals(List.of(refused), requestIds(Map.of("dataset", dataset, "outcome", "DENIED")));
        assertEquals("NOT_FOUND", single(Map.of("dataset", dataset, "outcome", "INVALID")).get("code"));
        assertEquals(List.of(aReadsK1), requestIds(Map.of("requestId", aReadsK1)));
        assertEquals(List.of(bReadsK2), requestIds(Map.of("caseId", "FC-2026-088", "dataset", dataset)));

        assertEquals(List.of(bReadsK2), requestIds(Map.of("agency", b, "dataset", dataset, "subject", k2,
                "action", "READ", "outcome", "OK", "requestId", bReadsK2, "caseId", "FC-2026-088")),
                "every filter at once");
        assertEquals(List.of(), requestIds(Map.of("agency", b, "subject", k1)), "filters combine with AND");
        assertEquals(List.of(), requestIds(Map.of("dataset", dataset, "action", "EXPORT")));
        assertEquals(5, events(Map.of("dataset", dataset, "agency", "", "subject", " ")).size(), "a blank filter is none");
    }

    @Test
    void fromAndToNarrowByTimeOrByTheCitysDays() {
        Instant start = Instant.now().minusSeconds(1);
        String provider = Platform.registerSignedAgency("市气象局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String key = TestKeys.person(uniqueNumber());
        Platform.push(provider, dataset, Platform.person(key, "周八", "某塔"));
        read(provider, dataset, key, null);
        Instant end = Instant.now().plusSeconds(1);

        assertEquals(2, events(Map.of("dataset", dataset, "from", start.toString())).size());
        assertEquals(2, events(Map.of("dataset", dataset, "from", OffsetDateTime.ofInstant(start, CITY).toString(),
                "to", OffsetDateTime.ofInstant(end, CITY).toString())).size(), "with a +08:00 offset");
        assertEquals(0, events(Map.of("dataset", dataset, "to", start.toString())).size());
        assertEquals(0, events(Map.of("dataset", dataset, "from", end.toString())).size());

        LocalDate today = LocalDate.ofInstant(start, CITY);
        assertEquals(2, events(Map.of("dataset", dataset, "from", today.toString(), "to", today.toString())).size(),
                "from=to=one date is that whole day");
        assertEquals(0, events(Map.of("dataset", dataset, "to", today.minusDays(1).toString())).size());
        assertEquals(0, events(Map.of("dataset", dataset, "from", today.plusDays(1).toString())).size());
    }

    @Test
    void theTrailIsReadNewestFirstAndPagedWithBeforeAndNext() {
        String provider = Platform.registerSignedAgency("市统计局");
        String reader = Platform.registerSignedAgency("市发改委");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String key = TestKeys.person(uniqueNumber());
        Platform.push(provider, dataset, Platform.person(key, "吴九", "某街"));
        List<String> reads = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            reads.add(read(reader, dataset, key, null));
        }

        JsonPath whole = center().queryParam("dataset", dataset).get(AUDIT).then().statusCode(200).extract().jsonPath();
        List<Long> ids = whole.getList("events.id", Long.class);
        assertEquals(8, ids.size());
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1) > ids.get(i), "newest first: " + ids);
        }
        assertEquals(reads.get(6), whole.getString("events[0].requestId"));
        assertEquals("PUSH", whole.getString("events[7].action"));

        for (int limit : new int[] {1, 3, 4, 7, 8}) {
            List<Long> visited = new ArrayList<>();
            Object before = null;
            int pages = 0;
            do {
                RequestSpecification request = center().queryParam("dataset", dataset).queryParam("limit", limit);
                if (before != null) {
                    request.queryParam("before", before);
                }
                JsonPath page = request.get(AUDIT).then().statusCode(200).extract().jsonPath();
                List<Long> onPage = page.getList("events.id", Long.class);
                assertTrue(onPage.size() <= limit);
                before = page.get("next");
                if (before != null) {
                    assertEquals(limit, onPage.size(), "only a full page has a next");
                    assertEquals(onPage.get(onPage.size() - 1), Long.valueOf(before.toString()),
                            "next is the last event of the page");
                }
                visited.addAll(onPage);
                pages++;
            } while (before != null);
            assertEquals(ids, visited, "limit " + limit + ": every event exactly once, in order");
            assertEquals((ids.size() + limit - 1) / limit, pages, "limit " + limit + ": no empty last page");
        }
        assertEquals(ids.subList(3, 8), center().queryParam("dataset", dataset).queryParam("before", ids.get(2))
                .get(AUDIT).then().statusCode(200).extract().jsonPath().getList("events.id", Long.class));
    }

    @Test
    void aPageHoldsAHundredEventsUnlessAskedForOneToAThousand() {
        String provider = Platform.registerSignedAgency("市审批局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String key = TestKeys.person(uniqueNumber());
        Platform.push(provider, dataset, Platform.person(key, "郑十", "某弄"));
        for (int i = 0; i < 100; i++) {
            asAgency(provider).get(record(dataset, key)).then().statusCode(200);
        }
        JsonPath byDefault = center().queryParam("dataset", dataset).get(AUDIT).then().statusCode(200).extract().jsonPath();
        assertEquals(100, byDefault.getList("events").size());
        assertNotNull(byDefault.get("next"), "the 101st event is on the next page");
        assertEquals(101, center().queryParam("dataset", dataset).queryParam("limit", 1000).get(AUDIT)
                .then().statusCode(200).extract().jsonPath().getList("events").size());
        assertEquals(1, center().queryParam("dataset", dataset).queryParam("limit", 1).get(AUDIT)
                .then().statusCode(200).extract().jsonPath().getList("events").size());

        for (String limit : List.of("0", "1001", "-1", "ten", "1.5")) {
            assertProblem(center().queryParam("limit", limit).get(AUDIT).then(), 400, "INVALID_REQUEST")
                    .body("detail", org.hamcrest.Matchers.containsString("limit"));
        }
    }

    @Test
    void unknownActionsOutcomesAndMalformedBoundsAreInvalidRequests() {
        List<Map.Entry<String, String>> invalid = List.of(
                Map.entry("action", "LOOKUP"), Map.entry("outcome", "MAYBE"), Map.entry("before", "abc"),
                Map.entry("from", "yesterday"), Map.entry("to", "2026-13-01"),
                Map.entry("from", "2026-05-01T08:00:00"));
        for (var filter : invalid) {
            assertProblem(center().queryParam(filter.getKey(), filter.getValue()).get(AUDIT).then(), 400, "INVALID_REQUEST")
                    .body("detail", org.hamcrest.Matchers.containsString(filter.getKey()));
        }
        assertProblem(center().queryParam("before", "0").get(AUDIT).then(), 400, "INVALID_REQUEST");
        assertProblem(center().queryParam("from", "+999999999-01-01T00:00:00Z").get(AUDIT).then(), 400, "INVALID_REQUEST");
        assertProblem(center().queryParam("from", "2026-05-02").queryParam("to", "2026-05-01").get(AUDIT).then(),
                400, "INVALID_REQUEST").body("detail", org.hamcrest.Matchers.containsString("before to"));
        assertProblem(center().queryParam("action", "read").get(AUDIT).then(), 400, "INVALID_REQUEST")
                .body("detail", org.hamcrest.Matchers.containsString("SUBJECT_LOOKUP"));
    }

    @Test
    void theCaseReferenceSentWithALookupFindsItsEvents() {
        String caseId = "XF-" + UUID.randomUUID();
        String provider = Platform.registerSignedAgency("市信访局");
        String reader = Platform.registerSignedAgency("市纪委");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String k1 = TestKeys.person(uniqueNumber());
        String k2 = TestKeys.person(uniqueNumber());
        Platform.push(provider, dataset, Platform.person(k1, "甲", "一") + Platform.person(k2, "乙", "二"));
        String first = read(reader, dataset, k1, caseId);
        read(reader, dataset, k2, null);
        String second = read(reader, dataset, k2, caseId);

        JsonPath found = center().queryParam("caseId", caseId).get(AUDIT).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(second, first), found.getList("events.requestId"));
        assertEquals(List.of(caseId, caseId), found.getList("events.caseId"));
        assertEquals(List.of(List.of(k2), List.of(k1)), found.getList("events.subjects"));
    }

    @Test
    void onlyTheCenterReadsTheTrail() {
        String agency = Platform.registerSignedAgency("市大数据局分局");
        for (String path : List.of(AUDIT, AUDIT + "/verify")) {
            assertProblem(asAgency(agency).get(path).then(), 403, "FORBIDDEN_ROLE");
            assertProblem(as(Tokens.ops()).get(path).then(), 403, "FORBIDDEN_ROLE");
            assertProblem(anonymous().get(path).then(), 401, "UNAUTHENTICATED");
        }
        assertProblem(asAgency(agency).queryParam("action", "NONSENSE").get(AUDIT).then(), 403, "FORBIDDEN_ROLE");
    }

    @Test
    void theOperationIsInTheServedContract() {
        anonymous().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/audit'.get.tags", org.hamcrest.Matchers.hasItem("Audit"))
                .body("paths.'/api/v1/audit/verify'.get.summary", org.hamcrest.Matchers.containsString("Verify"));
    }

    // --- shorthands

    private static RequestSpecification center() {
        return as(Tokens.center());
    }

    private static String record(String dataset, String key) {
        return "/api/v1/datasets/" + dataset + "/records/" + key;
    }

    private static String requestId() {
        return "aq-" + UUID.randomUUID();
    }

    private static RequestSpecification tagged(RequestSpecification request, String requestId) {
        return request.header("X-Request-Id", requestId);
    }

    /** A successful lookup; returns its request id. */
    private static String read(String agency, String dataset, String key, String caseId) {
        String id = requestId();
        RequestSpecification request = tagged(asAgency(agency), id);
        if (caseId != null) {
            request.header("X-Case-Id", caseId);
        }
        request.get(record(dataset, key)).then().statusCode(200);
        return id;
    }

    private static List<Map<String, Object>> events(Map<String, String> filters) {
        return center().queryParams(filters).get(AUDIT).then().statusCode(200).extract().jsonPath().getList("events");
    }

    private static List<Object> requestIds(Map<String, String> filters) {
        return events(filters).stream().map(e -> e.get("requestId")).toList();
    }

    private static Map<String, Object> single(Map<String, String> filters) {
        List<Map<String, Object>> events = events(filters);
        assertEquals(1, events.size(), filters + ": " + events);
        return events.get(0);
    }

    private static long uniqueNumber() {
        // Far above the small numbers other tests use for their keys.
        return 1_000_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 19_000_000L);
    }

    /** A fresh person key with the check character X, to show keys are matched whatever their case. */
    private static String keyEndingInX() {
        long n = uniqueNumber();
        while (!TestKeys.person(n).endsWith("X")) {
            n++;
        }
        return TestKeys.person(n);
    }
}
