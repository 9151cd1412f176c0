package org.cityplatform.exchange.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** docs/api.md, "Operations": what ops staff and load balancers rely on. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessChecksBothPostgresqlPoolsAndReportsRedis() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("redis"))
                .body("checks.find { it.name == 'redis' }.data.redis", equalTo("UP"))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'database' }.data.pool", equalTo("UP"))
                .body("checks.find { it.name == 'database' }.data.pushPool", equalTo("UP"));
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

    /*
     * Found 2026-11-26 (reproduced by a loop of scrapes after a lookup load, 1 to 3 in 900 never
     * answered; 0 in 1,800 once fixed): when the compressed media types include one that the
     * Prometheus handler writes, it compresses the scrape in an end handler on its worker
     * thread, changing the response's headers while the event loop writes them, and the scrape
     * dies in response.end() with a NullPointerException, unanswered. The race needs a warm JVM
     * under load, so this guards its cause: metrics media types are never compressed.
     */
    @Test
    void metricsMediaTypesAreNotCompressedSoNoScrapeRacesTheEventLoopForItsHeaders() {
        List<String> compressed = ConfigProvider.getConfig()
                .getValues("quarkus.http.compress-media-types", String.class);
        for (String prometheus : List.of("text/plain", "application/openmetrics-text")) {
            assertFalse(compressed.contains(prometheus), prometheus + " is compressed: " + compressed);
        }
        assertTrue(compressed.contains("application/x-ndjson"), "exports stay compressible: " + compressed);
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
