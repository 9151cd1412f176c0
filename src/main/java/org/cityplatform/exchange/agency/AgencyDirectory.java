package org.cityplatform.exchange.agency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.cityplatform.exchange.infra.Invalidations;
import org.cityplatform.exchange.infra.TrustedCache;
import java.util.Optional;
import org.cityplatform.exchange.security.AgencyStanding;
import org.cityplatform.exchange.security.AgencyStandings;

/**
 * The standing of an agency (registered, active, agreement signed), asked on every request: from
 * memory while invalidations are heard, else one indexed read on the reactive client (no Hibernate
 * session on the hot path).
 */
@ApplicationScoped
public class AgencyDirectory implements AgencyStandings {

    private final Pool pool;
    private final TrustedCache<Optional<AgencyStanding>> cache;

    AgencyDirectory(Pool pool, Invalidations invalidations) {
        this.pool = pool;
        this.cache = new TrustedCache<>(invalidations, Invalidations.Topic.AGENCY, 100_000);
    }

    @Override
    public Uni<Optional<AgencyStanding>> standing(String code) {
        return cache.get(code, () -> load(code));
    }

    private Uni<Optional<AgencyStanding>> load(String code) {
        return pool.preparedQuery("SELECT status, agreement_signed_at IS NOT NULL FROM agencies WHERE code = $1")
                .execute(Tuple.of(code))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    return Optional.of(new AgencyStanding(code,
                            AgencyStatus.ACTIVE.name().equals(row.getString(0)), row.getBoolean(1)));
                });
    }
}
