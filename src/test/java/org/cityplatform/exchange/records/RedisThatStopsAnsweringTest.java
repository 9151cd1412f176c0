package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.support.Http.asAgency;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.cityplatform.exchange.support.Bystander;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.RedisThroughProxy;
import org.cityplatform.exchange.support.TcpProxy;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Redis is only a cache ({@link RecordCache}): a Redis that keeps its connections open but answers
 * nothing costs a lookup one timeout, never its answer. The gateway reaches Redis through a proxy
 * that holds the bytes, so the shared Redis itself goes on serving everyone else.
 */
@QuarkusTest
@WithTestResource(RedisThroughProxy.class)
class RedisThatStopsAnsweringTest {

    @TestHTTPResource("/")
    URI base;

    TcpProxy redis;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aRedisThatStopsAnsweringCostsALookupOneTimeoutNotItsAnswer() throws Exception {
        String provider = Platform.registerSignedAgency("市公交集团");
        String reader = Platform.registerSignedAgency("市交通委");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String key = TestKeys.person(6001);
        Platform.push(provider, dataset, Platform.person(key, "乘客", "某站"));
        String path = "/api/v1/datasets/" + dataset + "/records/" + key;
        asAgency(reader).get(path).then().statusCode(200);
        asAgency(reader).get(path).then().statusCode(200); // now cached
        assertTrue(redis.connections() > 0, "the gateway does not reach Redis through the proxy");

        try (Bystander bystander = Bystander.connect()) {
            redis.hold();
            try {
                long started = System.nanoTime();
                HttpResponse<String> answer = lookup(reader, dataset, key);
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(200, answer.statusCode(), answer.body());
                assertEquals("乘客", new JsonObject(answer.body()).getJsonObject("data").getString("name"));
                assertTrue(tookMillis < 1500, "a Redis that answers nothing held the lookup for " + tookMillis + " ms");
                assertTrue(redis.heldBytes() > 0, "the lookup never asked the Redis that answers nothing");
                bystander.assertServed();
            } finally {
                redis.release();
            }
            asAgency(reader).get(path).then().statusCode(200).body("data.name", equalTo("乘客"));
            bystander.assertServed();
        }
    }

    private HttpResponse<String> lookup(String agency, String dataset, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/datasets/" + dataset + "/records/" + key))
                .header("Authorization", "Bearer " + Tokens.agency(agency)).timeout(Duration.ofSeconds(20)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
