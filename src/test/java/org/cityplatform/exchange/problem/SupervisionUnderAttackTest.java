package org.cityplatform.exchange.problem;

import static org.cityplatform.exchange.problem.HostileTextTest.assertCleanProblem;
import static org.cityplatform.exchange.support.Http.anonymous;
import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The supervision and assessment endpoints (Art. 33–36) under inputs no honest client sends and
 * under requests that race each other: each is refused with a stable code, or loses the race as
 * if it had come second, and never leaves the record saying something the data does not.
 */
@QuarkusTest
class SupervisionUnderAttackTest {

    private static final int AT_ONCE = 6;

    private static ExecutorService clients;
    private static String agency;

    @BeforeAll
    static void clients() {
        clients = Executors.newFixedThreadPool(AT_ONCE + 1);
    }

    @AfterAll
    static void stop() {
        clients.shutdownNow();
    }

    private static String agency() {
        if (agency == null) {
            agency = Platform.registerSignedAgency("受攻击的被监督机构");
        }
        return agency;
    }

    private static long order(String agency) {
        return ((Number) as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("agency", agency, "finding", "连续两周未更新", "required", "恢复每日更新", "dueWorkingDays", 5))
                .post("/api/v1/orders").then().statusCode(201).extract().path("id")).longValue();
    }

    private static List<Response> atOnce(List<Supplier<Response>> requests) throws Exception {
        List<CompletableFuture<Response>> sent = new ArrayList<>();
        for (Supplier<Response> r : requests) {
            sent.add(CompletableFuture.supplyAsync(r, clients));
        }
        List<Response> answers = new ArrayList<>();
        for (CompletableFuture<Response> f : sent) {
            answers.add(f.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }

    /** Exactly one answer is 200; every other one is 409 INVALID_STATE, as if it had come second. */
    private static void oneWinsTheRestAreInvalidState(List<Response> answers) {
        long won = answers.stream().filter(r -> r.statusCode() == 200).count();
        assertEquals(1, won, () -> "one request wins: " + answers.stream().map(Response::asString).toList());
        for (Response r : answers) {
            if (r.statusCode() != 200) {
                assertCleanProblem(r.then(), 409, "INVALID_STATE");
            }
        }
    }

    @Test
    void twoResponsesToOneOrderAtOnceAreOneResponseAndAConflict_Art35() throws Exception {
        String ordered = agency();
        long id = order(ordered);
        List<Supplier<Response>> responses = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            String actions = "已恢复更新（第" + i + "次提交）";
            responses.add(() -> asAgency(ordered).contentType(ContentType.JSON).body(Map.of("actions", actions))
                    .post("/api/v1/orders/" + id + "/response"));
        }
        List<Response> answers = atOnce(responses);
        oneWinsTheRestAreInvalidState(answers);
        String kept = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow().path("actions");
        as(Tokens.center()).get("/api/v1/orders/" + id).then().statusCode(200)
                .body("status", equalTo("RESPONDED")).body("actions", equalTo(kept));

        // The center closing and reopening one response at once: one decision stands.
        List<Supplier<Response>> decisions = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            Map<String, Object> body = i % 2 == 0 ? Map.of("accepted", true)
                    : Map.of("accepted", false, "note", "缺少补齐记录");
            decisions.add(() -> as(Tokens.center()).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/orders/" + id + "/close"));
        }
        List<Response> decided = atOnce(decisions);
        oneWinsTheRestAreInvalidState(decided);
        String status = decided.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow().path("status");
        as(Tokens.center()).get("/api/v1/orders/" + id).then().statusCode(200).body("status", equalTo(status));
    }

    @Test
    void aFractionIsNoWholeNumberOfDaysNorAnId_Art35() {
        String ordered = agency();
        long id = order(ordered);
        for (Object days : List.of(5.5, 5.0, 1e308)) {
            assertCleanProblem(as(Tokens.center()).contentType(ContentType.JSON)
                    .body(Map.of("agency", ordered, "finding", "f", "required", "r", "dueWorkingDays", days))
                    .post("/api/v1/orders").then(), 400, "INVALID_REQUEST")
                    .body("detail", containsString("dueWorkingDays"));
        }
        // Truncated, order 1.5 would be a criticism following order 1, of whichever agency that is.
        assertCleanProblem(as(Tokens.center()).contentType(ContentType.JSON)
                .body("{\"agency\":\"" + ordered + "\",\"text\":\"t\",\"order\":" + id + ".5}")
                .post("/api/v1/criticisms").then(), 400, "INVALID_REQUEST")
                .body("detail", containsString("'order'")).body("detail", containsString("whole number"));
        assertCleanProblem(as(Tokens.center()).contentType(ContentType.JSON)
                .body("{\"agency\":\"" + ordered + "\",\"article\":\"Art. 36\",\"description\":\"d\",\"evidence\":[1.5]}")
                .post("/api/v1/violations").then(), 400, "INVALID_REQUEST");
    }

    @Test
    void aMeasureWeighedTwiceIsNamed_Art33() {
        assertCleanProblem(as(Tokens.center()).contentType(ContentType.JSON)
                .body("{\"datasets\":[],\"weights\":{\"timeliness\":1,\"timeliness\":2}}")
                .put("/api/v1/assessment/2026/requirements").then(), 400, "INVALID_REQUEST")
                .body("detail", containsString("member 'timeliness' appears more than once"));
    }

    @Test
    void aWeightTooSmallToMultiplyIsRefused_Art33() {
        // 4.9e-324 × 0.5 is 0: every score would read 0 or 100 whatever the agency did.
        for (String weight : List.of("4.9e-324", "1e-300", "0.0009")) {
            assertCleanProblem(as(Tokens.center()).contentType(ContentType.JSON)
                    .body("{\"datasets\":[],\"weights\":{\"timeliness\":" + weight + "}}")
                    .put("/api/v1/assessment/2026/requirements").then(), 400, "INVALID_REQUEST")
                    .body("detail", containsString("weights.timeliness"));
        }
        as(Tokens.center()).contentType(ContentType.JSON)
                .body("{\"datasets\":[],\"weights\":{\"timeliness\":0.001,\"objections\":0}}")
                .put("/api/v1/assessment/2026/requirements").then().statusCode(200)
                .body("method.en", containsString("weight 0.001"));
    }

    @Test
    void aMisspeltTargetTypeIsRefusedRatherThanAnsweredWithNoHistory_Art31() {
        long id = order(agency());
        for (String type : List.of("orders", "Order", "rectification-order")) {
            assertCleanProblem(as(Tokens.center()).queryParam("targetType", type).queryParam("targetId", id)
                    .get("/api/v1/audit").then(), 400, "INVALID_REQUEST")
                    .body("detail", containsString("targetType")).body("detail", containsString("order"));
        }
        as(Tokens.center()).queryParam("targetType", " order ").queryParam("targetId", id).get("/api/v1/audit")
                .then().statusCode(200).body("events[0].target.type", equalTo("order"));
    }

    @Test
    void requirementsSetWhilePublishingAreThoseTheReportWasScoredBy_Art33_Art34() throws Exception {
        int year = unpublishedPastYear();
        agency();
        putWeights(year, 1).then().statusCode(200);
        AtomicBoolean publishing = new AtomicBoolean(true);
        List<Response> puts = new ArrayList<>();
        CompletableFuture<Void> setter = CompletableFuture.runAsync(() -> {
            int weight = 2;
            while (publishing.get()) {
                Response r = putWeights(year, weight++);
                synchronized (puts) {
                    puts.add(r);
                }
            }
            puts.add(putWeights(year, weight));
        }, clients);
        Response published = as(Tokens.center()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/assessment/" + year + "/publish");
        publishing.set(false);
        setter.get(60, TimeUnit.SECONDS);

        assertEquals(201, published.statusCode(), published.asString());
        Map<String, Object> scoredBy = published.path("weights");
        as(Tokens.center()).get("/api/v1/assessment/" + year + "/requirements").then().statusCode(200)
                .body("weights.timeliness", equalTo(((Number) scoredBy.get("timeliness")).floatValue()));
        for (Response r : puts) {
            if (r.statusCode() != 200) {
                assertCleanProblem(r.then(), 409, "INVALID_STATE");
            }
        }
        assertEquals(409, puts.get(puts.size() - 1).statusCode(), "the year is frozen once its final report is out");
    }

    private static Response putWeights(int year, int weight) {
        return as(Tokens.center()).contentType(ContentType.JSON)
                .body("{\"datasets\":[],\"weights\":{\"timeliness\":" + weight + "}}")
                .put("/api/v1/assessment/" + year + "/requirements");
    }

    /** A past year no test has published yet, so the race runs again on a database that ran it once. */
    private static int unpublishedPastYear() {
        for (int year = 2001; year < 2006; year++) {
            if (anonymous().get("/assessment/" + year + ".csv").statusCode() == 404) {
                return year;
            }
        }
        throw new IllegalStateException("every year from 2001 to 2005 is published on this database");
    }
}
