package org.cityplatform.exchange.gatling;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real-time sync: providers push small NDJSON batches (updates of existing keys, each a new version) into the
 * UNCONDITIONAL dataset while consumers follow its change feed with long polls ({@code changes?since=&wait=}).
 * Every push must be accepted whole; every change page must carry a {@code next} cursor.
 */
public class RealTimeSyncSimulation extends Simulation {

    static final int PROVIDERS = Integer.parseInt(Gateway.setting("sync.providers", "4"));
    static final int CONSUMERS = Integer.parseInt(Gateway.setting("sync.consumers", "4"));
    static final int BATCH = Integer.parseInt(Gateway.setting("sync.batch", "50"));

    static final List<String> KEYS = Gateway.keys();
    static final AtomicLong SEQUENCE = new AtomicLong();

    /** BATCH distinct random keys, each with data no push has used before (so each is a real change). */
    static String batch() {
        long n = SEQUENCE.incrementAndGet();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder body = new StringBuilder(BATCH * 96);
        int start = random.nextInt(KEYS.size());
        int step = 1 + random.nextInt(Math.max(1, KEYS.size() / BATCH));
        for (int i = 0; i < BATCH; i++) {
            String key = KEYS.get((int) ((start + (long) i * step) % KEYS.size()));
            body.append("{\"key\":\"").append(key).append("\",\"data\":{\"name\":\"同步-").append(n).append('-').append(i)
                    .append("\",\"gender\":\"").append((n + i) % 2 == 0 ? 'F' : 'M')
                    .append("\",\"householdType\":\"城镇\"}}\n");
        }
        return body.toString();
    }

    ScenarioBuilder providers = scenario("providers push small batches")
            .during(Gateway.DURATION).on(
                    exec(http("push " + BATCH + " records")
                            .post("/api/v1/datasets/" + Gateway.UNCONDITIONAL + "/records")
                            .header("Authorization", Gateway.bearer(Gateway.PROVIDER_TOKEN))
                            .header("Content-Type", "application/x-ndjson")
                            .body(StringBody(session -> batch()))
                            .check(status().is(200))
                            .check(jmesPath("accepted").ofInt().is(BATCH))
                            .check(jmesPath("rejected").ofInt().is(0)))
                    .pause(Duration.ofMillis(50), Duration.ofMillis(150)));

    ScenarioBuilder consumers = scenario("consumers follow changes")
            // From the beginning: the first pages catch up on the initial load, then the long polls follow.
            .exec(http("changes (catch-up)")
                    .get("/api/v1/datasets/" + Gateway.UNCONDITIONAL + "/changes")
                    .queryParam("limit", "10000")
                    .header("Authorization", Gateway.bearer(Gateway.CONSUMER_TOKEN))
                    .check(status().is(200))
                    .check(jmesPath("next").notNull().saveAs("next")))
            .during(Gateway.DURATION).on(
                    exec(http("changes (follow, wait=2)")
                            .get("/api/v1/datasets/" + Gateway.UNCONDITIONAL + "/changes")
                            .queryParam("since", "#{next}")
                            .queryParam("limit", "1000")
                            .queryParam("wait", "2")
                            .header("Authorization", Gateway.bearer(Gateway.CONSUMER_TOKEN))
                            .check(status().is(200))
                            .check(jmesPath("next").notNull().saveAs("next"))
                            .check(jmesPath("length(changes)").ofInt().saveAs("pageSize"))));

    {
        setUp(providers.injectClosed(constantConcurrentUsers(PROVIDERS).during(Duration.ofSeconds(1))),
                consumers.injectClosed(constantConcurrentUsers(CONSUMERS).during(Duration.ofSeconds(1))))
                .protocols(Gateway.protocol())
                .assertions(
                        global().failedRequests().count().is(0L),
                        details("push " + BATCH + " records").responseTime().percentile4().lt(2000),
                        // A long poll answers at the latest after its wait (2 s) plus a re-check.
                        details("changes (follow, wait=2)").responseTime().max().lt(5000));
    }
}
