package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/api.md, "Records": changes. Real-time sync by following 'next'. */
@QuarkusTest
class ChangeFeedTest {

    private String provider;
    private String dataset;

    @BeforeEach
    void aDatasetWithAProvider() {
        provider = Platform.registerSignedAgency("市医保局");
        dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
    }

    private void push(String body) {
        asAgency(provider).contentType("application/x-ndjson").body(body)
                .post("/api/v1/datasets/" + dataset + "/records").then().statusCode(200);
    }

    private JsonPath changes(String since, int limit, int wait) {
        var request = asAgency(provider).queryParam("limit", limit).queryParam("wait", wait);
        if (since != null) {
            request.queryParam("since", since);
        }
        return request.get("/api/v1/datasets/" + dataset + "/changes").then().statusCode(200).extract().jsonPath();
    }

    private static String item(long n, String name) {
        return "{\"key\":\"" + TestKeys.person(n) + "\",\"data\":{\"name\":\"" + name + "\"}}\n";
    }

    @Test
    void followingNextFromTheStartYieldsEveryChangeInPages() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            body.append(item(i, "n" + i));
        }
        push(body.toString());

        JsonPath first = changes(null, 10, 0);
        assertEquals(10, first.getList("changes").size());
        assertTrue(first.getBoolean("hasMore"));
        JsonPath second = changes(first.getString("next"), 10, 0);
        JsonPath third = changes(second.getString("next"), 10, 0);
        assertEquals(5, third.getList("changes").size());
        assertFalse(third.getBoolean("hasMore"));
        JsonPath done = changes(third.getString("next"), 10, 0);
        assertEquals(0, done.getList("changes").size());
        assertEquals(third.getString("next"), done.getString("next"));
    }

    @Test
    void aRemovalAppearsAsDeleted() {
        push(item(100, "x"));
        String after = changes(null, 100, 0).getString("next");
        push("{\"key\":\"" + TestKeys.person(100) + "\",\"deleted\":true}\n");
        JsonPath page = changes(after, 100, 0);
        assertEquals(List.of(true), page.getList("changes.deleted"));
        assertEquals(List.of(2), page.getList("changes.version"));
        assertEquals(java.util.Collections.singletonList(null), page.getList("changes.data"));
    }

    @Test
    void anUnchangedItemMakesNoChangeEntry() {
        push(item(200, "same"));
        String after = changes(null, 100, 0).getString("next");
        push(item(200, "same"));
        assertEquals(0, changes(after, 100, 0).getList("changes").size());
    }

    @Test
    void thePushCursorLeadsToThatPushsChanges() {
        push(item(300, "before"));
        String cursor = asAgency(provider).contentType("application/x-ndjson").body(item(301, "this push"))
                .post("/api/v1/datasets/" + dataset + "/records").then().statusCode(200).extract().path("cursor");
        assertEquals(List.of(TestKeys.person(301)), changes(cursor, 100, 0).getList("changes.key"));
    }

    @Test
    void aLongPollReturnsAsSoonAsAChangeCommits() throws Exception {
        push(item(400, "old"));
        String after = changes(null, 100, 0).getString("next");
        Instant asked = Instant.now();
        CompletableFuture<JsonPath> waiting = CompletableFuture.supplyAsync(() -> changes(after, 100, 30));
        Thread.sleep(1500);
        assertFalse(waiting.isDone(), "the request should be waiting for a change");
        push(item(401, "new"));
        JsonPath page = waiting.get(20, java.util.concurrent.TimeUnit.SECONDS);
        Duration took = Duration.between(asked, Instant.now());
        assertEquals(List.of(TestKeys.person(401)), page.getList("changes.key"));
        assertTrue(took.toSeconds() < 15, "long poll took " + took);
    }

    @Test
    void aLongPollWithNothingNewEndsWhenItsTimeRunsOut() {
        Instant asked = Instant.now();
        JsonPath page = changes(null, 10, 2);
        assertEquals(0, page.getList("changes").size());
        assertTrue(Duration.between(asked, Instant.now()).toMillis() >= 1900);
    }

    @Test
    void badParametersAreProblems() {
        String path = "/api/v1/datasets/" + dataset + "/changes";
        assertProblem(asAgency(provider).queryParam("since", "garbage!").get(path).then(), 400, "INVALID_REQUEST");
        assertProblem(asAgency(provider).queryParam("limit", 10001).get(path).then(), 400, "INVALID_REQUEST");
        assertProblem(asAgency(provider).queryParam("limit", 0).get(path).then(), 400, "INVALID_REQUEST");
        assertProblem(asAgency(provider).queryParam("wait", 61).get(path).then(), 400, "INVALID_REQUEST");
        assertProblem(asAgency(provider).queryParam("wait", "soon").get(path).then(), 400, "INVALID_REQUEST");
    }
}
