package org.cityplatform.exchange.audit;

import static org.cityplatform.exchange.support.Http.anonymous;
import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Anyone can send requests without a token: refusing them must not let anyone grow the audit trail
 * at will. Every unauthenticated refusal is counted; only a bounded number per client address and
 * minute is written as an event. Requests with a verified token are audited every time (Art. 31).
 */
@QuarkusTest
@TestProfile(AnonymousRefusalsProfile.class)
class AnonymousRefusalsTest {

    private static final int LIMIT = AnonymousRefusalsProfile.EVENTS_PER_ADDRESS_PER_MINUTE;

    private static RequestSpecification from(RequestSpecification request, String address) {
        // What the client wrote itself comes first and is ignored; the proxy appended the address.
        return request.header("X-Forwarded-For", "192.0.2.250, " + address);
    }

    private static double metric(String name, String labels) {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + labels) + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static double refusals(String code) {
        return metric("exchange_refusals_total", "{code=\"" + code + "\"}");
    }

    private static List<Object> eventsOf(String dataset) {
        return as(Tokens.center()).queryParam("dataset", dataset).queryParam("limit", "1000").get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("events");
    }

    private static List<Object> eventsOf(String dataset, String outcome) {
        return as(Tokens.center()).queryParam("dataset", dataset).queryParam("outcome", outcome).queryParam("limit", "1000")
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("events");
    }

    @Test
    void twoHundredRefusalsFromOneAddressWriteAtMostTheLimitAndAreAllCounted() {
        String provider = Platform.registerSignedAgency("市统计局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String address = "203.0.113.7";
        double before = refusals("UNAUTHENTICATED");
        double unwrittenBefore = metric("exchange_audit_refusals_unwritten_total", "");

        long firstMinute = System.currentTimeMillis() / 60_000;
        for (int i = 0; i < 200; i++) {
            String base = "/api/v1/datasets/" + dataset;
            var request = from(anonymous(), address);
            var response = switch (i % 4) {
                case 0 -> request.accept("application/x-ndjson").get(base + "/export");
                case 1 -> request.contentType("application/x-ndjson").body("").post(base + "/records");
                case 2 -> request.header("Authorization", "Bearer not-a-token").get(base + "/records/" + TestKeys.person(i));
                default -> request.get(base + "/records/" + TestKeys.person(i));
            };
            assertProblem(response.then(), 401, "UNAUTHENTICATED");
        }
        long minutes = System.currentTimeMillis() / 60_000 - firstMinute + 1;

        int written = eventsOf(dataset, "DENIED").size();
        assertTrue(written >= 1 && written <= LIMIT * minutes,
                written + " events for 200 refusals within " + minutes + " minute(s), at most " + LIMIT + " a minute");
        assertEquals(200, refusals("UNAUTHENTICATED") - before, 0.0, "every refusal is counted by its code");
        assertEquals(200 - written, metric("exchange_audit_refusals_unwritten_total", "") - unwrittenBefore, 0.0,
                "the refusals not written are counted as such");

        // Another address is not held back by this one.
        assertProblem(from(anonymous(), "203.0.113.8").get("/api/v1/datasets/" + dataset + "/records/" + TestKeys.person(1))
                .then(), 401, "UNAUTHENTICATED");
        assertEquals(written + 1, eventsOf(dataset, "DENIED").size());
    }

    @Test
    void requestsWithAValidTokenAreAuditedEveryTimeFromABusyAddress() {
        String provider = Platform.registerSignedAgency("市交通委");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String address = "203.0.113.9";
        Platform.push(provider, dataset, Platform.person(TestKeys.person(5), "李四", "某路"));
        for (int i = 0; i < 3 * LIMIT; i++) {
            from(anonymous(), address).get("/api/v1/datasets/" + dataset + "/records/" + TestKeys.person(5))
                    .then().statusCode(401);
        }
        int before = eventsOf(dataset).size();
        for (int i = 0; i < 3 * LIMIT; i++) {
            from(asAgency(provider), address).get("/api/v1/datasets/" + dataset + "/records/" + TestKeys.person(5))
                    .then().statusCode(200);
            // A verified token refused for another reason is audited too.
            from(asAgency("91310000MA1K4E2X5Y"), address)
                    .get("/api/v1/datasets/" + dataset + "/records/" + TestKeys.person(5)).then().statusCode(403);
        }
        assertEquals(before + 6 * LIMIT, eventsOf(dataset).size(), "each request with a verified token has its event");
    }
}
