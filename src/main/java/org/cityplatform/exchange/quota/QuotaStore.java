package org.cityplatform.exchange.quota;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The {@code agency_quotas} table, on the reactive client: the quota is read on the hot path (then
 * cached), and one statement each way needs no Hibernate session.
 */
@ApplicationScoped
public class QuotaStore {

    // One row per registered agency: the quota columns are null while the defaults apply.
    private static final String READ = "SELECT q.requests_per_second, q.concurrent_exports, q.updated_at, q.updated_by "
            + "FROM agencies a LEFT JOIN agency_quotas q ON q.agency = a.code WHERE a.code = $1";
    // No row when the agency is not registered: the caller answers 404 without a second query.
    private static final String WRITE = "INSERT INTO agency_quotas (agency, requests_per_second, concurrent_exports, "
            + "updated_at, updated_by) SELECT code, $2, $3, $4, $5 FROM agencies WHERE code = $1 "
            + "ON CONFLICT (agency) DO UPDATE SET requests_per_second = EXCLUDED.requests_per_second, "
            + "concurrent_exports = EXCLUDED.concurrent_exports, updated_at = EXCLUDED.updated_at, "
            + "updated_by = EXCLUDED.updated_by RETURNING agency";

    private final Pool pool;
    private final QuotaSettings settings;

    QuotaStore(Pool pool, QuotaSettings settings) {
        this.pool = pool;
        this.settings = settings;
    }

    /** The agency's quota (the defaults when none was set); empty when no such agency is registered. */
    public Uni<Optional<Quota>> find(String agency) {
        return pool.preparedQuery(READ).execute(Tuple.of(agency)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return Optional.empty();
            }
            Row row = it.next();
            if (row.getInteger(0) == null) {
                return Optional.of(Quota.defaults(agency, settings));
            }
            return Optional.of(new Quota(agency, row.getInteger(0), row.getInteger(1), row.getOffsetDateTime(2),
                    row.getString(3)));
        });
    }

    /** Sets the agency's quota; empty when no such agency is registered. */
    public Uni<Optional<Quota>> save(String agency, SetQuota body, OffsetDateTime at, String by) {
        return pool.preparedQuery(WRITE)
                .execute(Tuple.from(new Object[] {agency, body.requestsPerSecond(), body.concurrentExports(), at, by}))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(new Quota(agency, body.requestsPerSecond(), body.concurrentExports(), at, by))
                        : Optional.<Quota>empty());
    }
}
