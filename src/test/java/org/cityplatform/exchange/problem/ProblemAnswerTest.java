package org.cityplatform.exchange.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one problem answer the REST endpoints and the Vert.x routes both write (RFC 9457 with the
 * contract's stable code): which status, headers and members each kind of refusal carries.
 */
class ProblemAnswerTest {

    @Test
    void everyAnswerIsAProblemJsonDocument() {
        ProblemAnswer answer = ProblemAnswer.of(ProblemCode.NOT_FOUND, "no such resource: /x", "req-1");

        assertEquals("application/problem+json", answer.mediaType());
        assertEquals(404, answer.status());
        assertEquals(Map.of(), answer.headers());
    }

    @Test
    void theBodyHoldsTheCodesMembersInTheirOrderAndNothingElse() {
        ProblemAnswer answer = ProblemAnswer.of(ProblemCode.NO_GRANT, "no grant for dataset d1", "req-1");

        assertEquals("{\"type\":\"urn:cityplatform:exchange:problem:no-grant\",\"title\":\"No grant\","
                + "\"status\":403,\"detail\":\"no grant for dataset d1\",\"code\":\"NO_GRANT\",\"requestId\":\"req-1\"}",
                answer.encodedBody());
    }

    @Test
    void aProblemWithoutARequestLeavesTheRequestIdOut() {
        JsonObject body = ProblemAnswer.of(ProblemCode.INVALID_REQUEST, "bad", null).body();

        assertFalse(body.containsKey("requestId"));
    }

    @Test
    void aMissingAuthenticationSaysABearerTokenWouldDo() {
        ProblemAnswer answer = ProblemAnswer.of(ProblemCode.UNAUTHENTICATED, "a valid bearer token is required", "req-1");

        assertEquals(401, answer.status());
        assertEquals(Map.of("WWW-Authenticate", "Bearer"), answer.headers());
        assertEquals("UNAUTHENTICATED", answer.body().getString("code"));
    }

    @Test
    void aRateLimitSaysHowLongToWaitInTheHeaderAndInTheBody() {
        ProblemAnswer answer = ProblemAnswer.of(new RateLimitedException(7, "at most 60 requests a minute"), "req-1");

        assertEquals(429, answer.status());
        assertEquals(Map.of("Retry-After", "7"), answer.headers());
        assertEquals("{\"type\":\"urn:cityplatform:exchange:problem:rate-limited\",\"title\":\"Rate limited\","
                + "\"status\":429,\"detail\":\"at most 60 requests a minute; retry after 7 s\",\"code\":\"RATE_LIMITED\","
                + "\"requestId\":\"req-1\",\"retryAfter\":7}", answer.encodedBody());
    }

    @Test
    void aFaultOfOursCarriesOnlyTheRequestIdThatFindsItInTheLogs() {
        ProblemAnswer answer = ProblemAnswer.forFailure(new IllegalStateException("pool p7 at 10.0.0.5 exhausted"),
                "GET", "/api/v1/datasets", "req-500");

        assertEquals(500, answer.status());
        assertEquals(Map.of(), answer.headers());
        JsonObject body = answer.body();
        assertEquals("INTERNAL_ERROR", body.getString("code"));
        assertEquals("req-500", body.getString("requestId"));
        assertEquals("the gateway failed unexpectedly; the request id identifies it in the logs", body.getString("detail"));
        assertFalse(answer.encodedBody().contains("10.0.0.5"));
        assertFalse(answer.encodedBody().contains("IllegalStateException"));
    }

    @Test
    void aFailureThatWrapsAProblemIsAnsweredWithThatProblem() {
        ProblemAnswer answer = ProblemAnswer.forFailure(
                new RuntimeException(new ProblemException(ProblemCode.NO_GRANT, "no grant for dataset d1")),
                "GET", "/api/v1/datasets/d1/records/k", "req-1");

        assertEquals(403, answer.status());
        assertEquals("no grant for dataset d1", answer.body().getString("detail"));
    }

    @Test
    void aRateLimitRaisedInsideTheWorkKeepsItsWait() {
        ProblemAnswer answer = ProblemAnswer.forFailure(new RuntimeException(new RateLimitedException(3, "quota")),
                "POST", "/api/v1/datasets/d1/records", "req-1");

        assertEquals(Map.of("Retry-After", "3"), answer.headers());
        assertEquals(3L, answer.body().getLong("retryAfter"));
    }

    @Test
    void extensionMembersFollowTheProblemsOwnInTheOrderGiven() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("rejected", 2);
        members.put("errors", List.of(Map.of("line", 4)));
        members.put("storedThroughLine", 3L);

        ProblemAnswer answer = ProblemAnswer.of(ProblemCode.BATCH_REJECTED, "2 invalid item(s)", "req-1", members);

        assertEquals(422, answer.status());
        assertEquals(List.of("type", "title", "status", "detail", "code", "requestId", "rejected", "errors",
                "storedThroughLine"), List.copyOf(answer.body().fieldNames()));
        assertEquals(4, answer.body().getJsonArray("errors").getJsonObject(0).getInteger("line"));
    }
}
