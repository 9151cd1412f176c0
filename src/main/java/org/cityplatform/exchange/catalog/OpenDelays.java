package org.cityplatform.exchange.catalog;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.catalog.DelayBodies.DelayMark;
import org.cityplatform.exchange.infra.CityDays;

/**
 * The open delay report of each dataset, as its catalog entry shows it (Art. 28): the newest report
 * whose expected date has not passed and after which the provider has not pushed. "Pushed" means a
 * record written by a transaction later than the report's, which is what the push itself leaves
 * behind (records.txid) and what the change feed's index answers; a push that changes nothing
 * writes nothing, and does not end the report.
 */
@ApplicationScoped
public class OpenDelays {

    // OFFSET 0 keeps the check a subplan per report, so both dataset and transaction reach the
    // index; as an anti-join the planner may probe by dataset alone and read all of its records.
    private static final String OPEN = """
            SELECT DISTINCT ON (r.dataset) r.dataset, r.reason, r.expected_by, r.filed_at
            FROM delay_reports r JOIN datasets d ON d.code = r.dataset
            WHERE r.dataset = ANY($1) AND r.expected_by >= $2
              AND NOT EXISTS (SELECT 1 FROM records x WHERE x.dataset_id = d.id AND x.txid > r.filed_txid OFFSET 0)
            ORDER BY r.dataset, r.id DESC""";

    private final Pool pool;
    private final Clock clock;

    OpenDelays(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** The open report of each of these datasets that has one, by dataset code. */
    public Uni<Map<String, DelayMark>> of(List<String> datasets) {
        if (datasets.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(OPEN).execute(Tuple.of(datasets.toArray(String[]::new), CityDays.today(clock)))
                .map(rows -> {
                    Map<String, DelayMark> marks = new HashMap<>();
                    for (Row row : rows) {
                        marks.put(row.getString(0), new DelayMark(row.getString(1), row.getLocalDate(2),
                                row.getOffsetDateTime(3)));
                    }
                    return marks;
                });
    }

    /** The open report of one dataset, or null. */
    public Uni<DelayMark> of(String dataset) {
        return of(List.of(dataset)).map(marks -> marks.get(dataset));
    }
}
