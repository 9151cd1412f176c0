package org.cityplatform.exchange.gatling;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Bulk export: several consumers export whole datasets at once, NDJSON of the UNCONDITIONAL dataset (whole records)
 * and of the CONDITIONAL one (projected to the grant's fields), one after the other in a loop. Each export must
 * answer 200 with its snapshot cursor and at least one byte per record.
 */
public class BulkExportSimulation extends Simulation {

    static final int EXPORTERS = Integer.parseInt(Gateway.setting("export.users", "4"));
    static final long RECORDS = Long.parseLong(Gateway.setting("records", "20000"));

    ScenarioBuilder exporters = scenario("concurrent exports")
            .during(Gateway.DURATION).on(
                    exec(http("export UNCONDITIONAL (ndjson)")
                            .get("/api/v1/datasets/" + Gateway.UNCONDITIONAL + "/export")
                            .header("Authorization", Gateway.bearer(Gateway.CONSUMER_TOKEN))
                            .header("Accept", "application/x-ndjson")
                            .check(status().is(200))
                            .check(header("X-Export-Cursor").exists())
                            .check(bodyLength().gt((int) RECORDS * 100)))
                    .exec(http("export CONDITIONAL (ndjson, projected)")
                            .get("/api/v1/datasets/" + Gateway.CONDITIONAL + "/export")
                            .header("Authorization", Gateway.bearer(Gateway.CONSUMER_TOKEN))
                            .header("Accept", "application/x-ndjson")
                            .check(status().is(200))
                            .check(header("X-Export-Cursor").exists())
                            .check(bodyLength().gt((int) RECORDS * 40))));

    {
        setUp(exporters.injectClosed(constantConcurrentUsers(EXPORTERS).during(Duration.ofSeconds(1))))
                .protocols(Gateway.protocol())
                .assertions(
                        global().failedRequests().count().is(0L),
                        global().responseTime().max().lt(30000));
    }
}
