package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.support.Http.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Lookups that arrive together share one query or one Redis command: each caller must still get
 * exactly its own record, projected by its own grant (Art. 24), or its own 404.
 */
@QuarkusTest
class ConcurrentLookupsTest {

    @TestHTTPResource("/")
    URI base;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void manyConcurrentLookupsOfDifferentKeysAndGrantsEachGetTheirOwnAnswer_Art24() {
        String provider = Platform.registerSignedAgency("市人社局");
        String nameOnly = Platform.registerSignedAgency("市医保局");
        String nameAndAddress = Platform.registerSignedAgency("市民政局");
        String conditional = Platform.registerPersonDataset(provider, "CONDITIONAL");
        String unconditional = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        grant(nameOnly, conditional, List.of("name"));
        grant(nameAndAddress, conditional, List.of("name", "address"));
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            items.append(Platform.person(TestKeys.person(5000 + i), "人" + i, "地址" + i));
        }
        Platform.push(provider, conditional, items.toString());
        Platform.push(provider, unconditional, items.toString());

        record Ask(String agency, String dataset, int n, boolean exists, CompletableFuture<HttpResponse<String>> answer) {
        }
        List<Ask> asks = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 50; i++) {
                boolean exists = i < 40;
                for (String agency : List.of(nameOnly, nameAndAddress, provider)) {
                    for (String dataset : List.of(conditional, unconditional)) {
                        asks.add(new Ask(agency, dataset, i, exists, lookup(agency, dataset, TestKeys.person(5000 + i))));
                    }
                }
            }
        }
        for (Ask ask : asks) {
            HttpResponse<String> response = ask.answer().join();
            if (!ask.exists()) {
                assertEquals(404, response.statusCode(), response.body());
                continue;
            }
            assertEquals(200, response.statusCode(), response.body());
            JsonObject body = new JsonObject(response.body());
            assertEquals(TestKeys.person(5000 + ask.n()), body.getString("key"));
            JsonObject data = body.getJsonObject("data");
            assertEquals("人" + ask.n(), data.getString("name"));
            boolean whole = ask.dataset().equals(unconditional) || ask.agency().equals(provider);
            if (whole) {
                assertEquals("地址" + ask.n(), data.getString("address"));
                assertEquals("1950-01-01", data.getString("birthDate"));
            } else if (ask.agency().equals(nameAndAddress)) {
                assertEquals("地址" + ask.n(), data.getString("address"));
                assertFalse(data.containsKey("birthDate"), response.body());
            } else {
                assertEquals(Map.of("name", "人" + ask.n()), data.getMap(), response.body());
            }
        }
    }

    private CompletableFuture<HttpResponse<String>> lookup(String agency, String dataset, String key) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/datasets/" + dataset + "/records/" + key))
                .header("Authorization", "Bearer " + Tokens.agency(agency)).timeout(Duration.ofSeconds(20)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void grant(String consumer, String dataset, List<String> fields) {
        as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("consumer", consumer, "dataset", dataset, "fields", fields, "purpose", "待遇核验",
                        "use", "DUTY", "validUntil", LocalDate.now().plusMonths(6).toString()))
                .post("/api/v1/grants").then().statusCode(201);
    }
}
