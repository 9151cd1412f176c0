package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/** docs/architecture.md, "Redis: cache, invalidations, counters": unconditional lookups come from Redis, never stale. */
@QuarkusTest
class RecordCacheTest {

    private static double metric(String name) {
        String text = RestAssured.get("/q/metrics").then().extract().asString();
        return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRepeatedLookupIsServedFromTheCacheAndAPushIsSeenAtOnce() {
        String provider = Platform.registerSignedAgency("市水务局");
        String reader = Platform.registerSignedAgency("市城管局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String key = TestKeys.person(77);
        String path = "/api/v1/datasets/" + dataset + "/records/" + key;
        Platform.push(provider, dataset, Platform.person(key, "旧名", "旧址"));

        asAgency(reader).get(path).then().statusCode(200).body("data.name", equalTo("旧名"));
        // The miss fills the cache without holding its answer back, so a lookup made at once on
        // another event loop may still miss: a later one is a hit.
        boolean hit = false;
        for (int attempt = 0; attempt < 50 && !hit; attempt++) {
            double hits = metric("exchange_cache_hits_total");
            asAgency(reader).get(path).then().statusCode(200).body("data.name", equalTo("旧名"));
            hit = metric("exchange_cache_hits_total") > hits;
            if (!hit) {
                pause();
            }
        }
        assertTrue(hit, "a repeated lookup should be a cache hit");

        for (int i = 0; i < 5; i++) {
            String name = "新名" + i;
            Platform.push(provider, dataset, Platform.person(key, name, "新址"));
            // A read right after the push's answer sees the new data on every attempt.
            asAgency(reader).get(path).then().statusCode(200).body("data.name", equalTo(name));
            asAgency(reader).get(path).then().statusCode(200).body("data.name", equalTo(name));
        }
        Platform.push(provider, dataset, "{\"key\":\"" + key + "\",\"deleted\":true}\n");
        assertProblem(asAgency(reader).get(path).then(), 404, "NOT_FOUND");
    }

    @Test
    void aReclassifiedDatasetIsNoLongerServedFromTheCache() {
        String provider = Platform.registerSignedAgency("市电力公司");
        String reader = Platform.registerSignedAgency("市发改委");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String key = TestKeys.person(78);
        String path = "/api/v1/datasets/" + dataset + "/records/" + key;
        Platform.push(provider, dataset, Platform.person(key, "用户", "地址"));
        asAgency(reader).get(path).then().statusCode(200);
        asAgency(reader).get(path).then().statusCode(200);

        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("sharingClass", "CONDITIONAL"))
                .put("/api/v1/datasets/" + dataset + "/classification").then().statusCode(200);
        assertProblem(asAgency(reader).get(path).then(), 403, "NO_GRANT");
    }

    @Test
    void aLargeUpdateOfCachedDataCompletes() {
        // Many batches that replace cached records: each batch's invalidation counts as work in
        // flight, and whichever completes last must let the paused body flow again.
        String provider = Platform.registerSignedAgency("市燃气公司");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            first.append(Platform.person(TestKeys.person(100_000 + i), "甲" + i, "址"));
            second.append(Platform.person(TestKeys.person(100_000 + i), "乙" + i, "址"));
        }
        Platform.push(provider, dataset, first.toString());
        var timeout = io.restassured.config.RestAssuredConfig.config().httpClient(
                io.restassured.config.HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 60_000));
        asAgency(provider).config(timeout).contentType("application/x-ndjson; charset=UTF-8")
                .body(second.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/datasets/" + dataset + "/records").then().statusCode(200)
                .body("accepted", equalTo(30_000));
        asAgency(provider).get("/api/v1/datasets/" + dataset + "/records/" + TestKeys.person(129_999)).then()
                .body("data.name", equalTo("乙29999"));
    }
}
