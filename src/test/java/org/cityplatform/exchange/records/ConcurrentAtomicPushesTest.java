package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.support.Http.asAgency;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md, "Records": atomic pushes. Clients of one provider pushing the same keys atomically, in
 * any order and at the same time, each succeed whole: an atomic push writes its items in key
 * order, in one statement, so two of them never wait for each other's rows in opposite orders.
 */
@QuarkusTest
@TestProfile(ConcurrentAtomicPushesTest.SixAtOnce.class)
class ConcurrentAtomicPushesTest {

    /** Room for six pushes of one agency at once: the deadlock needs them concurrent. */
    public static class SixAtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("exchange.push.max-concurrent-per-agency", "6");
        }
    }

    @Test
    void sixClientsPushingTheSameKeysInRandomOrdersAllSucceed() throws Exception {
        String provider = Platform.registerSignedAgency("市公安局");
        String dataset = Platform.registerPersonDataset(provider, "CONDITIONAL");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            keys.add(TestKeys.person(500_000 + i));
        }
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<Integer>>> answers = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                int client = c;
                answers.add(clients.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    Random random = new Random(client);
                    for (int round = 0; round < 3; round++) {
                        List<String> order = new ArrayList<>(keys);
                        Collections.shuffle(order, random);
                        StringBuilder body = new StringBuilder();
                        for (String key : order) {
                            body.append(Platform.person(key, "客户" + client + "-" + round, "路" + round));
                        }
                        statuses.add(asAgency(provider).contentType("application/x-ndjson").queryParam("mode", "atomic")
                                .body(body.toString()).post("/api/v1/datasets/" + dataset + "/records").statusCode());
                    }
                    return statuses;
                }));
            }
            for (Future<List<Integer>> answer : answers) {
                assertEquals(List.of(200, 200, 200), answer.get());
            }
        } finally {
            clients.shutdownNow();
        }
        // Every key holds one client's whole write: the pushes did not interleave inside a record.
        asAgency(provider).get("/api/v1/datasets/" + dataset + "/records/" + keys.get(0)).then().statusCode(200);
    }
}
