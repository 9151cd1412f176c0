package org.cityplatform.exchange.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** API.md, "Operations": what ops staff and load balancers rely on. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessChecksPostgresqlAndReportsRedis() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("redis"))
                .body("checks.find { it.name == 'redis' }.data.redis", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL connections health check")));
    }

    @Test
    void metricsArePrometheusText() {
        given().get("/api/v1/agencies").then().statusCode(401);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds"))
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("exchange_push_records_total{outcome=\"accepted\""))
                .body(containsString("exchange_push_records_total{outcome=\"rejected\""))
                .body(containsString("exchange_push_records_total{outcome=\"unchanged\""))
                .body(containsString("exchange_export_rows_total"))
                .body(containsString("exchange_push_batches_in_flight"))
                .body(containsString("exchange_export_streams_open"));
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointAndItsProblemCodes() {
        String doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        for (String path : new String[] {"/api/v1/agencies", "/api/v1/agencies/{code}", "/api/v1/agencies/{code}/agreement",
                "/api/v1/datasets", "/api/v1/datasets/{code}", "/api/v1/datasets/{code}/classification",
                "/api/v1/datasets/{code}/records", "/api/v1/datasets/{code}/records/{key}", "/api/v1/datasets/{code}/changes",
                "/api/v1/datasets/{code}/export"}) {
            org.junit.jupiter.api.Assertions.assertTrue(doc.contains("\"" + path + "\""), "openapi lacks " + path);
        }
        for (String code : new String[] {"UNAUTHENTICATED", "UNKNOWN_AGENCY", "FORBIDDEN_ROLE", "DUPLICATE_SOURCE",
                "LEGAL_BASIS_REQUIRED", "INVALID_KEY", "NO_GRANT", "AUDIT_UNAVAILABLE"}) {
            org.junit.jupiter.api.Assertions.assertTrue(doc.contains(code), "openapi lacks problem code " + code);
        }
        org.junit.jupiter.api.Assertions.assertTrue(doc.contains("application/problem+json"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
