package org.cityplatform.exchange.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /**
     * Which of these event ids are in the trail: what a finding cites as evidence (Art. 36) must be
     * an event the center can show. Bounded by the caller; one indexed probe per partition.
     */
    public Uni<Set<Long>> existing(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return pool.preparedQuery("SELECT id FROM audit_events WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> {
                    Set<Long> found = new HashSet<>();
                    rows.forEach(row -> found.add(row.getLong(0)));
                    return found;
                });
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
