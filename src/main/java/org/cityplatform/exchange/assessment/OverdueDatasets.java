package org.cityplatform.exchange.assessment;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many datasets are behind their declared update cycle right now (Art. 35: not updating is a
 * named failure), as a gauge for operators; the same rule as the assessment's timeliness.
 */
@ApplicationScoped
public class OverdueDatasets {

    // Issue 18: a push that received items counts, changed or not, as in the assessment.
    static final String COUNT = """
            SELECT count(*) FROM datasets d
            WHERE d.status IN ('ACTIVE', 'RETIRING') AND (d.last_push_at IS NULL OR d.last_push_at < now() - CASE d.update_cycle
                WHEN 'MONTHLY' THEN interval '1 month' WHEN 'WEEKLY' THEN interval '7 days' ELSE interval '1 day' END)""";

    private final Pool pool;
    private final AtomicLong overdue = new AtomicLong();

    OverdueDatasets(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        Gauge.builder("exchange.datasets.overdue", overdue, AtomicLong::get)
                .description("Active datasets whose last push is older than their update cycle allows").register(registry);
    }

    @Scheduled(every = "10m", delay = 20, delayUnit = TimeUnit.SECONDS, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> count() {
        return pool.query(COUNT).execute().invoke(rows -> overdue.set(rows.iterator().next().getLong(0))).replaceWithVoid();
    }
}
