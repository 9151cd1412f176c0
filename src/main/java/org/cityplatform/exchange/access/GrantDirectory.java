package org.cityplatform.exchange.access;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A consumer's grants on a dataset, as every read decision needs them: from memory while
 * invalidations are heard, else from PostgreSQL. Revoked grants are not loaded; expiry is judged
 * at each decision, so a cached grant still lapses on its last day.
 */
@ApplicationScoped
public class GrantDirectory {

    private static final String SELECT = "SELECT id, fields, use, valid_until FROM grants "
            + "WHERE consumer = $1 AND dataset = $2 AND revoked_at IS NULL";

    private final Pool pool;
    private final TrustedCache<List<GrantTerms>> cache;

    GrantDirectory(Pool pool, Invalidations invalidations) {
        this.pool = pool;
        this.cache = new TrustedCache<>(invalidations, Invalidations.Topic.GRANT, 200_000);
    }

    /** The id under which a change of these grants is announced. */
    public static String id(String consumer, String dataset) {
        return consumer + "|" + dataset;
    }

    public Uni<List<GrantTerms>> of(String consumer, String dataset) {
        return cache.get(id(consumer, dataset), () -> pool.preparedQuery(SELECT).execute(Tuple.of(consumer, dataset))
                .map(rows -> {
                    List<GrantTerms> grants = new ArrayList<>();
                    for (Row row : rows) {
                        grants.add(new GrantTerms(row.getLong(0), Set.of(row.getArrayOfStrings(1)),
                                DataUse.valueOf(row.getString(2)), row.getLocalDate(3), false));
                    }
                    return List.copyOf(grants);
                }));
    }
}
