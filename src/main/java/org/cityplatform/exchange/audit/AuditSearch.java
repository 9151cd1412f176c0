package org.cityplatform.exchange.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Runs an {@link AuditQuery} on the reactive pool and cuts its answer into a page. */
@ApplicationScoped
public class AuditSearch {

    private final Pool pool;

    AuditSearch(Pool pool) {
        this.pool = pool;
    }

    public Uni<AuditPage> find(AuditQuery query) {
        return pool.preparedQuery(query.sql()).execute(Tuple.from(query.parameters()))
                .map(rows -> page(rows, query.limit()));
    }

    private static AuditPage page(RowSet<Row> rows, int limit) {
        List<AuditEventView> events = new ArrayList<>(Math.min(rows.size(), limit));
        for (Row row : rows) {
            if (events.size() == limit) {
                // The query asked for one row more: it exists, so another page follows this one.
                return new AuditPage(events, events.get(limit - 1).id());
            }
            events.add(AuditEventView.of(row));
        }
        return new AuditPage(events, null);
    }
}
