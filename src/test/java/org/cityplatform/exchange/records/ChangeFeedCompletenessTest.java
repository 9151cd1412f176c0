package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.support.Http.asAgency;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md, "The change feed": while four writers push overlapping keys, a
 * follower reading small pages from the start never sees a key go back in version, and once it has
 * caught up its state is exactly the export's.
 */
@QuarkusTest
class ChangeFeedCompletenessTest {

    private static final int WRITERS = 4;
    private static final int ITEMS_PER_WRITER = 25_000;
    private static final int ITEMS_PER_PUSH = 500;
    private static final int KEYS = 4_000;

    private record Seen(long version, boolean deleted, String data) {
    }

    @Test
    void aFollowerSeesEveryChangeInOrderWhileFourWritersPushConcurrently() throws Exception {
        String provider = Platform.registerSignedAgency("市交通运输局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String changes = "/api/v1/datasets/" + dataset + "/changes";

        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        List<Future<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> write(provider, dataset, writer)));
        }
        Map<String, Seen> state = new HashMap<>();
        Future<String> follower = pool.submit(() -> {
            String cursor = null;
            while (true) {
                boolean last = !writing.get();
                var request = asAgency(provider).queryParam("limit", 700);
                if (cursor != null) {
                    request.queryParam("since", cursor);
                }
                JsonPath page = request.get(changes).then().statusCode(200).extract().jsonPath();
                List<Map<String, Object>> items = page.getList("changes");
                for (Map<String, Object> change : items) {
                    String key = (String) change.get("key");
                    long version = ((Number) change.get("version")).longValue();
                    Seen before = state.get(key);
                    if (before != null && version <= before.version()) {
                        throw new AssertionError(key + " went from version " + before.version() + " to " + version);
                    }
                    Object data = change.get("data");
                    state.put(key, new Seen(version, (Boolean) change.get("deleted"),
                            data == null ? null : String.valueOf(data)));
                }
                cursor = page.getString("next");
                if (last && items.isEmpty()) {
                    return cursor;
                }
            }
        });
        int pushed = 0;
        for (Future<Integer> writer : writers) {
            pushed += writer.get();
        }
        writing.set(false);
        follower.get();
        pool.shutdown();
        assertTrue(pushed >= 100_000, "pushed " + pushed);

        Map<String, Seen> exported = new HashMap<>();
        for (String line : asAgency(provider).get("/api/v1/datasets/" + dataset + "/export").then().statusCode(200)
                .extract().asString().lines().toList()) {
            JsonPath row = JsonPath.from(line);
            exported.put(row.getString("key"), new Seen(row.getLong("version"), false,
                    String.valueOf(row.getMap("data"))));
        }
        Map<String, Seen> current = new HashMap<>();
        state.forEach((key, seen) -> {
            if (!seen.deleted()) {
                current.put(key, seen);
            }
        });
        assertEquals(exported.keySet(), current.keySet(), "keys differ between the feed and the export");
        assertEquals(exported, current, "versions or data differ between the feed and the export");
        assertTrue(state.values().stream().anyMatch(Seen::deleted), "the load should include removals");
    }

    /** One writer: pushes of 500 items over a shared key space, with some removals. */
    private static int write(String provider, String dataset, int writer) {
        Random random = new Random(writer);
        int sent = 0;
        while (sent < ITEMS_PER_WRITER) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < ITEMS_PER_PUSH; i++) {
                String key = TestKeys.person(random.nextInt(KEYS));
                if (random.nextInt(20) == 0) {
                    body.append("{\"key\":\"").append(key).append("\",\"deleted\":true}\n");
                } else {
                    body.append("{\"key\":\"").append(key).append("\",\"data\":{\"name\":\"w").append(writer)
                            .append('-').append(sent + i).append("\"}}\n");
                }
            }
            asAgency(provider).contentType("application/x-ndjson").body(body.toString())
                    .post("/api/v1/datasets/" + dataset + "/records").then().statusCode(200);
            sent += ITEMS_PER_PUSH;
        }
        return sent;
    }
}
