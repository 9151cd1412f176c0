package org.cityplatform.exchange.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.GatewayProcess;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md, "One decision point for access": two gateway processes share PostgreSQL and
 * Redis and nothing else; a revocation through one is refused by the other within one second, and
 * a push through one is read through the other.
 */
class TwoInstancesIT {

    private static final Map<String, String> ENV = Map.of("QUARKUS_PROFILE", "test", "QUARKUS_FLYWAY_CLEAN_AT_START", "false");

    private static RequestSpecification at(GatewayProcess gateway, String token) {
        return RestAssured.given().baseUri(gateway.baseUrl()).auth().oauth2(token);
    }

    @Test
    void aRevocationThroughOneInstanceIsRefusedByTheOtherWithinASecond() throws Exception {
        try (GatewayProcess a = GatewayProcess.start(18096, ENV); GatewayProcess b = GatewayProcess.start(18097, ENV)) {
            a.awaitLive(Duration.ofSeconds(120));
            b.awaitLive(Duration.ofSeconds(120));
            String provider = register(a, "市公安局双实例");
            String consumer = register(a, "市民政局双实例");
            String dataset = TestCodes.datasetCode("two");
            at(a, Tokens.center()).contentType(ContentType.JSON).body(Map.of("code", dataset, "name", "两实例",
                            "provider", provider, "subjectType", "PERSON", "sharingClass", "CONDITIONAL",
                            "updateCycle", "DAILY", "fields", List.of(Map.of("name", "name", "type", "STRING"),
                                    Map.of("name", "address", "type", "STRING"))))
                    .post("/api/v1/datasets").then().statusCode(201);

            String key = TestKeys.person(5150);
            at(a, Tokens.agency(provider)).contentType("application/x-ndjson")
                    .body(("{\"key\":\"" + key + "\",\"data\":{\"name\":\"甲\",\"address\":\"乙\"}}\n").getBytes())
                    .post("/api/v1/datasets/" + dataset + "/records").then().statusCode(200);
            at(b, Tokens.agency(provider)).get("/api/v1/datasets/" + dataset + "/records/" + key).then()
                    .statusCode(200).body("data.name", org.hamcrest.Matchers.equalTo("甲"));

            int grant = at(a, Tokens.center()).contentType(ContentType.JSON)
                    .body(Map.of("consumer", consumer, "dataset", dataset, "fields", List.of("name"), "purpose", "核验",
                            "use", "DUTY", "validUntil", LocalDate.now().plusDays(5).toString()))
                    .post("/api/v1/grants").then().statusCode(201).extract().path("id");
            String record = "/api/v1/datasets/" + dataset + "/records/" + key;
            // B reads (and caches the grant); then A revokes.
            for (int i = 0; i < 3; i++) {
                at(b, Tokens.agency(consumer)).get(record).then().statusCode(200);
            }
            at(a, Tokens.center()).delete("/api/v1/grants/" + grant).then().statusCode(200);
            long revoked = System.nanoTime();
            int status = 200;
            while (status == 200 && System.nanoTime() - revoked < Duration.ofSeconds(5).toNanos()) {
                status = at(b, Tokens.agency(consumer)).get(record).then().extract().statusCode();
            }
            long tookMs = (System.nanoTime() - revoked) / 1_000_000;
            assertEquals(403, status);
            assertTrue(tookMs <= 1000, "instance B still served the revoked grant after " + tookMs + " ms");
        }
    }

    private static String register(GatewayProcess gateway, String name) {
        String code = TestCodes.creditCode();
        at(gateway, Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", name, "kind", "ADMINISTRATIVE"))
                .post("/api/v1/agencies").then().statusCode(201);
        at(gateway, Tokens.agency(code)).contentType(ContentType.JSON)
                .body(Map.of("signedBy", "test", "version", "2016-1"))
                .post("/api/v1/agencies/" + code + "/agreement").then().statusCode(200);
        return code;
    }
}
