package org.cityplatform.exchange.gatling;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Mixed reads by the consumer over random pushed keys: lookups in the UNCONDITIONAL dataset (cached in Redis after
 * their first read), lookups in the CONDITIONAL one (never cached: grant check and projection in PostgreSQL), and
 * subject lookups across both. Every answer must be 200 with the key asked for.
 */
public class MixedReadsSimulation extends Simulation {

    static final int USERS = Integer.parseInt(Gateway.setting("reads.users", "32"));

    ScenarioBuilder readers = scenario("mixed reads")
            .feed(csv(Gateway.KEYS_FILE).random())
            .during(Gateway.DURATION).on(
                    feed(csv(Gateway.KEYS_FILE).random())
                            .randomSwitch().on(
                                    percent(60.0).then(exec(http("lookup UNCONDITIONAL (cached)")
                                            .get("/api/v1/datasets/" + Gateway.UNCONDITIONAL + "/records/#{key}")
                                            .header("Authorization", Gateway.bearer(Gateway.CONSUMER_TOKEN))
                                            .check(status().is(200))
                                            .check(jmesPath("key").isEL("#{key}")))),
                                    percent(30.0).then(exec(http("lookup CONDITIONAL (uncached)")
                                            .get("/api/v1/datasets/" + Gateway.CONDITIONAL + "/records/#{key}")
                                            .header("Authorization", Gateway.bearer(Gateway.CONSUMER_TOKEN))
                                            .check(status().is(200))
                                            .check(jmesPath("key").isEL("#{key}")))),
                                    percent(10.0).then(exec(http("subject lookup")
                                            .get("/api/v1/subjects/#{key}")
                                            .header("Authorization", Gateway.bearer(Gateway.CONSUMER_TOKEN))
                                            .check(status().is(200))
                                            .check(jmesPath("length(records)").ofInt().is(2))))));

    {
        setUp(readers.injectClosed(constantConcurrentUsers(USERS).during(Duration.ofSeconds(1))))
                .protocols(Gateway.protocol())
                .assertions(
                        global().failedRequests().count().is(0L),
                        global().responseTime().percentile4().lt(1000));
    }
}
