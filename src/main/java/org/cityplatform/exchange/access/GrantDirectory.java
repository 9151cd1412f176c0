package org.cityplatform.exchange.access;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cityplatform.exchange.infra.TrustedCache;
import org.cityplatform.exchange.infra.Invalidations;

/**
 * A consumer's grants on a dataset, as every read decision needs them: from memory while
 * invalidations are heard, else from PostgreSQL. Revocation and expiry are judged at each
 * decision, so a cached grant still lapses at the end of its last day.
 */
@ApplicationScoped
public class GrantDirectory {

    // Revoked grants too: a refusal can then tell the consumer why it no longer reads.
    private static final String SELECT = "SELECT id, fields, use, valid_until, revoked_at IS NOT NULL, scopes FROM grants "
            + "WHERE consumer = $1 AND dataset = $2";

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
                                DataUse.valueOf(row.getString(2)), row.getLocalDate(3), row.getBoolean(4),
                                GrantScope.of(row.getArrayOfStrings(5))));
                    }
                    return List.copyOf(grants);
                }));
    }
}
