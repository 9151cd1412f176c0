package org.cityplatform.exchange.records;

import static io.restassured.RestAssured.given;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.cityplatform.exchange.support.DatabaseSessions;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * One caller's bad requests never fail another's: honest lookups and pushes all succeed while
 * anonymous and authenticated attackers send NUL bytes in paths, queries and bodies, and broken
 * push bodies, at the same time. Every attack is refused with a 4xx of its own.
 */
@QuarkusTest
class HonestClientsUnderAttackTest {

    private static final long RUN_NANOS = 3_000_000_000L;

    @Test
    void honestClientsAreServedWhileOthersSendPoison() throws Exception {
        String provider = Platform.registerSignedAgency("市公安局");
        String dataset = Platform.registerPersonDataset(provider, "CONDITIONAL");
        List<String> keys = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            keys.add(TestKeys.person(700_000 + i));
            body.append(Platform.person(keys.get(i), "王秀英", "长宁路" + i + "号"));
        }
        Platform.push(provider, dataset, body.toString());
        // The authenticated attacker is another agency, with a dataset of its own: its refused
        // requests count against its own quotas and caps, never against the honest agency's.
        String attacker = Platform.registerSignedAgency("被盗用的系统");
        String attackersDataset = Platform.registerPersonDataset(attacker, "CONDITIONAL");
        String attackerToken = Tokens.agency(attacker);

        List<Supplier<Integer>> attacks = List.of(
                () -> given().get("/api/v1/datasets/a%00b/export").statusCode(),
                () -> given().auth().oauth2(attackerToken).get("/api/v1/datasets/" + dataset + "/records/%00").statusCode(),
                () -> given().auth().oauth2(attackerToken).queryParam("since", "\u0000")
                        .get("/api/v1/datasets/" + dataset + "/changes").statusCode(),
                () -> given().get("/open/v1/datasets/a%00b").statusCode(),
                () -> given().auth().oauth2(Tokens.center()).contentType("application/json")
                        .body("{\"code\":\"91310000MA1FL8XQ30\",\"name\":\"a\\u0000b\",\"kind\":\"ADMINISTRATIVE\"}")
                        .post("/api/v1/agencies").statusCode(),
                () -> given().auth().oauth2(attackerToken).contentType("application/x-ndjson")
                        .header("Content-Encoding", "gzip").body(new byte[] {31, -117, 8, 0, 1, 2, 3})
                        .post("/api/v1/datasets/" + attackersDataset + "/records").statusCode());

        ExecutorService threads = Executors.newFixedThreadPool(10);
        List<Integer> notRefused = new CopyOnWriteArrayList<>();
        AtomicInteger attacksSent = new AtomicInteger();
        try {
            long end = System.nanoTime() + RUN_NANOS;
            List<Future<List<Integer>>> honest = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                honest.add(threads.submit(() -> {
                    List<Integer> failures = new ArrayList<>();
                    int n = 0;
                    while (System.nanoTime() < end) {
                        String key = keys.get((client * 7 + n++) % keys.size());
                        // Two of the clients also push: within the agency's cap of concurrent pushes.
                        int status = client < 2 && n % 5 == 0
                                ? asAgency(provider).contentType("application/x-ndjson")
                                        .body(Platform.person(key, "王秀英", "新地址" + client))
                                        .post("/api/v1/datasets/" + dataset + "/records").statusCode()
                                : asAgency(provider).get("/api/v1/datasets/" + dataset + "/records/" + key).statusCode();
                        if (status != 200) {
                            failures.add(status);
                        }
                    }
                    return failures;
                }));
            }
            for (int a = 0; a < 2; a++) {
                threads.submit(() -> {
                    int n = 0;
                    while (System.nanoTime() < end) {
                        int status = attacks.get(n++ % attacks.size()).get();
                        attacksSent.incrementAndGet();
                        if (status < 400 || status >= 500) {
                            notRefused.add(status);
                        }
                    }
                    return null;
                });
            }
            for (Future<List<Integer>> client : honest) {
                assertEquals(List.of(), client.get(), "honest requests that failed, by status");
            }
        } finally {
            threads.shutdown();
        }
        for (int i = 0; i < 30 && DatabaseSessions.inState("idle in transaction") > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, DatabaseSessions.inState("idle in transaction"));
        assertEquals(List.of(), notRefused, "attacks not answered with a 4xx");
        assertTrue(attacksSent.get() > attacks.size(), "the attackers ran");
    }
}
