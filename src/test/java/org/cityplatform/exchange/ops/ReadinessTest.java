package org.cityplatform.exchange.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.RawHttp;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Readiness tells an orchestrator whether this instance can serve: DOWN while it cannot get a
 * connection of its shared pool (here: a pool of four, held by the trail, the change-feed
 * listener and exports whose clients read nothing), UP again once they are gone.
 */
@QuarkusTest
@TestProfile(ReadinessTest.SmallPool.class)
class ReadinessTest {

    public static class SmallPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.reactive.max-size", "4",
                    "exchange.database.acquire-timeout", "1s",
                    "exchange.export.stall-timeout", "30s");
        }
    }

    @Test
    void readinessIsDownWhileTheSharedPoolHasNoConnectionAndUpOnceItHas() throws Exception {
        String provider = Platform.registerSignedAgency("市公安局");
        String dataset = Platform.registerPersonDataset(provider, "CONDITIONAL");
        StringBuilder body = new StringBuilder();
        String padding = "长宁路".repeat(60);
        for (int i = 0; i < 20_000; i++) {
            body.append(Platform.person(TestKeys.person(800_000 + i), "王秀英", padding + i));
        }
        Platform.push(provider, dataset, body.toString());
        given().get("/q/health/ready").then().statusCode(200);

        List<RawHttp> exports = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                RawHttp export = RawHttp.connect(4096);
                exports.add(export.head("GET /api/v1/datasets/" + dataset + "/export",
                        "Authorization: Bearer " + Tokens.agency(provider), "Accept: application/x-ndjson"));
            }
            Thread.sleep(500);
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'database' }.data.pool", containsString("DOWN"));
        } finally {
            for (RawHttp export : exports) {
                export.close();
            }
        }
        for (int i = 0; i < 50 && given().get("/q/health/ready").statusCode() != 200; i++) {
            Thread.sleep(100);
        }
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'database' }.data.pool", equalTo("UP"));
    }
}
