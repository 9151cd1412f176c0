package org.cityplatform.exchange.problem;

import static org.cityplatform.exchange.problem.HostileTextTest.assertCleanProblem;
import static org.cityplatform.exchange.support.Http.anonymous;
import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.RawHttp;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every error a client can cause is an RFC 9457 problem with a stable code: also those the
 * framework answers before our code runs (a body or headers too large, a parameter of the wrong
 * type) and an Accept header that says nothing.
 */
@QuarkusTest
class EveryErrorIsAProblemTest {

    private static String provider;
    private static String reader;
    private static String dataset;
    private static String key;

    @BeforeEach
    void platform() {
        if (provider == null) {
            provider = Platform.registerSignedAgency("问题文档提供方");
            reader = Platform.registerSignedAgency("问题文档读者");
            dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
            key = TestKeys.person(9401);
            Platform.push(provider, dataset, Platform.person(key, "甲", "某路"));
            Platform.openPersonData(provider, dataset, Map.of("fields", List.of("name")));
        }
    }

    @Test
    void anAcceptHeaderThatNamesNoTypeIsNotAcceptableOnExports() {
        for (String accept : List.of(";", ";;", " ; q=1", ",", "text/csv;q=0", "*/*;q=0", "text/csv;q=0, */*;q=0",
                "application/x-ndjson;q=0.0")) {
            assertCleanProblem(asAgency(reader).header("Accept", accept)
                    .get("/api/v1/datasets/" + dataset + "/export").then(), 406, "NOT_ACCEPTABLE");
            assertCleanProblem(anonymous().header("Accept", accept)
                    .get("/open/v1/datasets/" + dataset + "/export").then(), 406, "NOT_ACCEPTABLE");
        }
        asAgency(reader).get("/api/v1/datasets/" + dataset + "/export").then().statusCode(200)
                .contentType(startsWith("application/x-ndjson"));
    }

    @Test
    void aTypeWithQualityZeroIsNotChosenAndTheHighestQualityWins() {
        asAgency(reader).header("Accept", "application/x-ndjson;q=0, text/csv")
                .get("/api/v1/datasets/" + dataset + "/export").then().statusCode(200).contentType(startsWith("text/csv"));
        asAgency(reader).header("Accept", "text/csv;q=0.2, application/x-ndjson;q=0.9")
                .get("/api/v1/datasets/" + dataset + "/export").then().statusCode(200)
                .contentType(startsWith("application/x-ndjson"));
        asAgency(reader).header("Accept", "text/csv;charset=utf-8;q=0.5, */*;q=0.1")
                .get("/api/v1/datasets/" + dataset + "/export").then().statusCode(200).contentType(startsWith("text/csv"));
        anonymous().header("Accept", "text/*;q=1, application/*;q=0")
                .get("/open/v1/datasets/" + dataset + "/export").then().statusCode(200).contentType(startsWith("text/csv"));
    }

    @Test
    void aBodyTooLargeIsAPayloadTooLargeProblem() throws Exception {
        // Beyond quarkus.http.limits.max-body-size (10 MiB by default): refused on its declared
        // length, before a byte of it is read, so the client reads the answer instead of a reset.
        String answer = RawHttp.exchange("POST /api/v1/agencies HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + Tokens.center() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (11 * 1024 * 1024) + "\r\n\r\n{");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("application/problem+json"), answer);
        assertTrue(answer.contains("\"code\":\"PAYLOAD_TOO_LARGE\""), answer);
        as(Tokens.center()).get("/api/v1/agencies/" + provider).then().statusCode(200);
    }

    /** Sends bytes as they are and reads the answer until the server closes or 2 s pass. */
    @Test
    void headersTooLargeAreAHeadersTooLargeProblem() {
        // Beyond quarkus.http.limits.max-header-size (20 KiB by default).
        assertCleanProblem(as(Tokens.center()).header("X-Padding", "x".repeat(40 * 1024))
                .get("/api/v1/agencies/" + provider).then(), 431, "HEADERS_TOO_LARGE");
        as(Tokens.center()).get("/api/v1/agencies/" + provider).then().statusCode(200);
    }

    @Test
    void aQueryOrPathParameterOfTheWrongTypeIsAnInvalidRequestNotANotFound() {
        String center = Tokens.center();
        for (String uri : List.of(
                "/api/v1/notifications?before=abc",
                "/api/v1/notifications?limit=ten",
                "/api/v1/notifications?before=99999999999999999999",
                "/api/v1/datasets?offset=x",
                "/api/v1/datasets?limit=1.5",
                "/api/v1/applications/abc",
                "/api/v1/objections/abc",
                "/api/v1/applications/1e3/approve",
                "/api/v1/grants/abc",
                "/api/v1/applications?status=NOPE",
                "/api/v1/audit?from=yesterday",
                "/api/v1/audit?limit=many",
                "/api/v1/assessment?from=abc")) {
            String method = uri.endsWith("/approve") ? "POST" : uri.startsWith("/api/v1/grants/") ? "DELETE" : "GET";
            assertCleanProblem(as(center).request(method, uri).then(), 400, "INVALID_REQUEST");
        }
        assertCleanProblem(as(center).contentType(ContentType.JSON).body(Map.of("advice", Map.of()))
                .post("/api/v1/assessment/twenty/publish").then(), 400, "INVALID_REQUEST");
        as(center).get("/api/v1/notifications?limit=5").then().statusCode(200);
        // A path no resource serves is still a NOT_FOUND.
        assertCleanProblem(as(center).get("/api/v1/nowhere/abc").then(), 404, "NOT_FOUND");
    }

    @Test
    void aParameterProblemSaysWhichParameterAndWhatItGot() {
        assertCleanProblem(as(Tokens.center()).get("/api/v1/notifications?before=abc").then(), 400, "INVALID_REQUEST")
                .body("detail", containsString("before"))
                .body("detail", containsString("abc"));
    }
}
