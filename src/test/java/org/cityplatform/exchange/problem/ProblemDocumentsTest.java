package org.cityplatform.exchange.problem;

import static io.restassured.RestAssured.given;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/** docs/api.md, "Conventions": every error is an RFC 9457 problem with a stable code; never a stack trace. */
@QuarkusTest
class ProblemDocumentsTest {

    @Test
    void malformedJsonIsAnInvalidRequestThatSaysWhere() {
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body("{\"code\": \"91310000\", \"name\": ")
                .post("/api/v1/agencies").then(), 400, "INVALID_REQUEST")
                .body("detail", containsString("JSON"));
    }

    @Test
    void aBodyOfTheWrongShapeIsAnInvalidRequest() {
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body("[1,2]")
                .post("/api/v1/agencies").then(), 400, "INVALID_REQUEST");
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body("{\"code\":{\"a\":1},\"name\":\"x\",\"kind\":\"ADMINISTRATIVE\"}")
                .post("/api/v1/agencies").then(), 400, "INVALID_REQUEST")
                .body("detail", containsString("code"));
    }

    @Test
    void aMissingBodyIsAnInvalidRequest() {
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .post("/api/v1/agencies").then(), 400, "INVALID_REQUEST");
    }

    @Test
    void anOverLongStringIsAnInvalidRequestNamingTheField() {
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body("{\"code\":\"91310000MA1FL8XQ30\",\"name\":\"" + "长".repeat(201) + "\",\"kind\":\"ADMINISTRATIVE\"}")
                .post("/api/v1/agencies").then(), 400, "INVALID_REQUEST")
                .body("detail", containsString("name: size must be between 0 and 200"));
    }

    @Test
    void anUnknownRouteIsANotFoundProblem() {
        assertProblem(given().get("/api/v1/nothing-here").then(), 404, "NOT_FOUND");
        assertProblem(given().get("/no/such/path").then(), 404, "NOT_FOUND");
    }

    @Test
    void aWrongMethodIsAProblem() {
        assertProblem(given().auth().oauth2(Tokens.center()).delete("/api/v1/datasets").then(), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void aWrongContentTypeIsAProblem() {
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.XML).body("<agency/>")
                .post("/api/v1/agencies").then(), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void everyResponseCarriesTheCallersRequestIdOrANewOne() {
        given().header("X-Request-Id", "case-2026-0042").get("/q/health/live")
                .then().header("X-Request-Id", "case-2026-0042");
        given().get("/q/health/live").then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        // An id with spaces or control characters would pollute logs and the audit trail.
        given().header("X-Request-Id", "bad id").get("/q/health/live")
                .then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        assertProblem(given().header("X-Request-Id", "trace-me").get("/api/v1/agencies").then(), 401, "UNAUTHENTICATED")
                .header("X-Request-Id", "trace-me")
                .body("requestId", equalTo("trace-me"));
    }
}
