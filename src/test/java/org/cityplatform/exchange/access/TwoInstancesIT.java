package org.cityplatform.exchange.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
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
 * docs/architecture.md, "Redis: cache, invalidations, counters": two gateway processes share PostgreSQL and
 * Redis and nothing else; a revocation through one is refused by the other within one second, and
 * a push through one is read through the other.
 */
class TwoInstancesIT {

    private static final Map<String, String> ENV = Map.of("QUARKUS_PROFILE", "test", "QUARKUS_FLYWAY_CLEAN_AT_START", "false");


    @Test
    void aRevocationThroughOneInstanceIsRefusedByTheOtherWithinASecond() throws Exception {
        try (GatewayProcess a = GatewayProcess.start(18096, ENV); GatewayProcess b = GatewayProcess.start(18097, ENV)) {
            a.awaitLive(Duration.ofSeconds(120));
            b.awaitLive(Duration.ofSeconds(120));
            String provider = a.registerSignedAgency("市公安局双实例");
            String consumer = a.registerSignedAgency("市民政局双实例");
            String dataset = TestCodes.datasetCode("two");
            a.as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("code", dataset, "name", "两实例",
                            "provider", provider, "subjectType", "PERSON", "sharingClass", "CONDITIONAL",
                            "updateCycle", "DAILY", "fields", List.of(Map.of("name", "name", "type", "STRING"),
                                    Map.of("name", "address", "type", "STRING"))))
                    .post("/api/v1/datasets").then().statusCode(201);

            String key = TestKeys.person(5150);
            a.as(Tokens.agency(provider)).contentType("application/x-ndjson")
                    .body(("{\"key\":\"" + key + "\",\"data\":{\"name\":\"甲\",\"address\":\"乙\"}}\n").getBytes())
                    .post("/api/v1/datasets/" + dataset + "/records").then().statusCode(200);
            b.as(Tokens.agency(provider)).get("/api/v1/datasets/" + dataset + "/records/" + key).then()
                    .statusCode(200).body("data.name", org.hamcrest.Matchers.equalTo("甲"));

            int grant = a.as(Tokens.center()).contentType(ContentType.JSON)
                    .body(Map.of("consumer", consumer, "dataset", dataset, "fields", List.of("name"), "purpose", "核验",
                            "use", "DUTY", "validUntil", LocalDate.now().plusDays(5).toString()))
                    .post("/api/v1/grants").then().statusCode(201).extract().path("id");
            String record = "/api/v1/datasets/" + dataset + "/records/" + key;
            // B reads (and caches the grant); then A revokes.
            for (int i = 0; i < 3; i++) {
                b.as(Tokens.agency(consumer)).get(record).then().statusCode(200);
            }
            a.as(Tokens.center()).delete("/api/v1/grants/" + grant).then().statusCode(200);
            long revoked = System.nanoTime();
            int status = 200;
            while (status == 200 && System.nanoTime() - revoked < Duration.ofSeconds(5).toNanos()) {
                status = b.as(Tokens.agency(consumer)).get(record).then().extract().statusCode();
            }
            long tookMs = (System.nanoTime() - revoked) / 1_000_000;
            assertEquals(403, status);
            assertTrue(tookMs <= 1000, "instance B still served the revoked grant after " + tookMs + " ms");
        }
    }

}
