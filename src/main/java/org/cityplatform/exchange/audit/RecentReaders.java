package org.cityplatform.exchange.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The agencies that read a dataset lately, from the trail: those told when it is to be retired,
 * grant or not (an UNCONDITIONAL dataset is read for duties without one, Art. 17). Only shipped
 * events count; a read still in an instance's journal is seconds old and its reader hears of the
 * retirement by the catalog entry's status.
 */
@ApplicationScoped
public class RecentReaders {

    // The range on `at` keeps the scan to the months it covers; anonymous open data exports are
    // named by address, not by a registered agency, and are left out.
    private static final String SELECT = "SELECT DISTINCT agency FROM audit_events "
            + "WHERE dataset = $1 AND at >= $2 AND action IN ('READ', 'CHANGES', 'EXPORT') AND outcome = 'OK' "
            + "AND agency IN (SELECT code FROM agencies) ORDER BY agency";

    private final Pool pool;

    RecentReaders(Pool pool) {
        this.pool = pool;
    }

    /** The registered agencies with an answered read of the dataset within {@code window} before {@code now}. */
    public Uni<List<String>> of(String dataset, OffsetDateTime now, Duration window) {
        return pool.preparedQuery(SELECT).execute(Tuple.of(dataset, now.minus(window))).map(rows -> {
            List<String> agencies = new ArrayList<>();
            for (Row row : rows) {
                agencies.add(row.getString(0));
            }
            return List.copyOf(agencies);
        });
    }
}
