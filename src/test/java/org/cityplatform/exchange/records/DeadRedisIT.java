package org.cityplatform.exchange.records;

import static org.hamcrest.Matchers.equalTo;

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
 * docs/architecture.md, "Redis: cache, invalidations, counters": an instance whose Redis is dead serves every
 * request right from PostgreSQL, reports Redis as down in readiness and stays ready.
 */
class DeadRedisIT {

    @Test
    void withRedisDeadLookupsPushesAndRevocationsStayRight() throws Exception {
        Map<String, String> env = Map.of("QUARKUS_PROFILE", "test", "QUARKUS_FLYWAY_CLEAN_AT_START", "false",
                // Nothing listens on this port.
                "QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:6399");
        try (GatewayProcess gateway = GatewayProcess.start(18098, env)) {
            gateway.awaitLive(Duration.ofSeconds(120));
            RestAssured.given().baseUri(gateway.baseUrl()).get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'redis' }.data.redis", equalTo("DOWN"));

            String provider = gateway.registerSignedAgency("市气象局");
            String consumer = gateway.registerSignedAgency("市应急局");
            String dataset = TestCodes.datasetCode("no-redis");
            gateway.as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("code", dataset, "name", "无缓存",
                            "provider", provider, "subjectType", "PERSON", "sharingClass", "UNCONDITIONAL",
                            "updateCycle", "REALTIME", "fields", List.of(Map.of("name", "name", "type", "STRING"))))
                    .post("/api/v1/datasets").then().statusCode(201);
            String key = TestKeys.person(6060);
            String record = "/api/v1/datasets/" + dataset + "/records/" + key;
            for (String name : List.of("一", "二", "三")) {
                gateway.as(Tokens.agency(provider)).contentType("application/x-ndjson")
                        .body(("{\"key\":\"" + key + "\",\"data\":{\"name\":\"" + name + "\"}}\n").getBytes())
                        .post("/api/v1/datasets/" + dataset + "/records").then().statusCode(200);
                gateway.as(Tokens.agency(consumer)).get(record).then().statusCode(200).body("data.name", equalTo(name));
            }

            int grant = gateway.as(Tokens.center()).contentType(ContentType.JSON)
                    .body(Map.of("consumer", consumer, "dataset", dataset, "fields", List.of("name"), "purpose", "开发测试",
                            "use", "DEVELOPMENT", "validUntil", LocalDate.now().plusDays(5).toString()))
                    .post("/api/v1/grants").then().statusCode(201).extract().path("id");
            gateway.as(Tokens.agency(consumer)).header("X-Data-Use", "DEVELOPMENT").get(record).then().statusCode(200);
            gateway.as(Tokens.center()).delete("/api/v1/grants/" + grant).then().statusCode(200);
            gateway.as(Tokens.agency(consumer)).header("X-Data-Use", "DEVELOPMENT").get(record).then().statusCode(403)
                    .body("code", equalTo("NO_GRANT"));
        }
    }


}
